import { ErrorCode, IdSchema, RpcError } from '@paas/protocol';
import { invalidField } from '../../errors';
import type { AppDirectory } from '../../services/backups/appDirectory';
import type { UploadService } from '../../services/backups/uploadService';
import { acceptBody, type HttpRoute } from '../../transport/server';
import { requireAction } from '../authorize';
import { transferRoute, type TransferDeps } from './transferRoute';

/** `Content-Length` as a whole number, or `undefined` when it is missing or malformed. */
function declaredLength(header: string | undefined): number | undefined {
  return header !== undefined && /^\d{1,15}$/.test(header) ? Number(header) : undefined;
}

/**
 * `PUT /uploads?appId=<id>`: stores the body for an import into the app's project. Uploading is the first
 * half of an import, so it takes the import's permission, `app.backup` in the app's environment, checked
 * before a byte of the body is read; the size is declared up front and capped by `maxUploadBytes`.
 */
export function uploadFileRoute(
  deps: TransferDeps,
  apps: Pick<AppDirectory, 'target'>,
  uploads: UploadService,
  maxUploadBytes: number,
): HttpRoute {
  return transferRoute(deps, 'uploads/create', async (request, response, context) => {
    const url = new URL(request.url ?? '/', 'http://agent');
    const appId = IdSchema.safeParse(url.searchParams.get('appId'));
    if (!appId.success) throw invalidField(['appId'], 'an app id is required');
    context.target = `app:${appId.data}`;
    const target = apps.target(appId.data);
    requireAction(context, 'app.backup', {
      projectId: target.projectId,
      environmentType: target.environmentType,
    });
    const length = declaredLength(request.headers['content-length']);
    context.params = { appId: appId.data, sizeBytes: length };
    if (length === undefined) throw invalidField(['Content-Length'], 'the upload needs a Content-Length');
    if (length > maxUploadBytes) {
      throw new RpcError(
        ErrorCode.LimitExceeded,
        `the upload is ${length} bytes; this agent takes ${maxUploadBytes} at most`,
        {
          limit: 'maxUploadBytes',
          max: maxUploadBytes,
        },
      );
    }
    acceptBody(request, response);
    const upload = await uploads.receive(appId.data, context.caller.userId, request, length, context.signal);
    context.target = `upload:${upload.id}`;
    response
      .writeHead(201, { 'Content-Type': 'application/json' })
      .end(JSON.stringify({ upload: uploads.view(upload) }));
  });
}
