import { AddCollaborator, ListCollaborators, RemoveCollaborator, UpdateCollaborator } from '@paas/protocol';
import type { CollaboratorService } from '../services/collaborators';
import { requireAction } from './authorize';
import { defineHandler } from './handler';

export function collaboratorHandlers(collaborators: CollaboratorService) {
  const requireOnCollaborator = (collaboratorId: string, context: Parameters<typeof requireAction>[0]) =>
    requireAction(context, 'collaborators.manage', {
      projectId: collaborators.get(collaboratorId).projectId,
    });
  return [
    defineHandler({
      type: ListCollaborators,
      authorize: (params, context) => requireAction(context, 'project.read', { projectId: params.projectId }),
      handle: (params) => ({
        collaborators: collaborators.list(params.projectId),
        organizationAccess: collaborators.organizationAccess(params.projectId),
      }),
    }),
    defineHandler({
      type: AddCollaborator,
      authorize: (params, context) =>
        requireAction(context, 'collaborators.manage', { projectId: params.projectId }),
      handle: (params, { audit }, grant) => {
        const collaborator = collaborators.add(params.projectId, grant.role, params.grantee, params.role);
        audit.target = `collaborator:${collaborator.id}`;
        return { collaborator };
      },
      target: (params) => `project:${params.projectId}`,
    }),
    defineHandler({
      type: UpdateCollaborator,
      authorize: (params, context) => requireOnCollaborator(params.collaboratorId, context),
      handle: (params, _context, grant) => ({
        collaborator: collaborators.update(params.collaboratorId, grant.role, params.role),
      }),
      target: (params) => `collaborator:${params.collaboratorId}`,
    }),
    defineHandler({
      type: RemoveCollaborator,
      authorize: (params, context) => requireOnCollaborator(params.collaboratorId, context),
      handle: (params, _context, grant) => {
        collaborators.remove(params.collaboratorId, grant.role);
        return { collaboratorId: params.collaboratorId };
      },
      target: (params) => `collaborator:${params.collaboratorId}`,
    }),
  ];
}
