import assert from 'node:assert/strict';
import {
  buildStandinImage,
  dockerClient,
  removeTestContainers,
  testLabels,
  uniqueName,
} from '@paas/scripts/out/src/testkit/index.js';
import { DockerodeAdapter } from '../../../src/adapters/docker/dockerodeAdapter';
import { waitHealthy } from '../../../src/services/apps/health';

describe('deploy: health wait on a real engine', function () {
  this.timeout(120_000);
  const docker = new DockerodeAdapter('/var/run/docker.sock');
  let image: string;

  before(async () => {
    image = await buildStandinImage('17.0');
  });
  after(async () => {
    await removeTestContainers(undefined, dockerClient());
  });

  it('names the exit code of a container that crashes under its restart policy', async () => {
    const name = uniqueName('health_exit');
    // An unknown option makes the stand-in exit 2, as Odoo's optparse does (odoo/tools/config.py).
    await docker.create({
      name,
      image,
      cmd: ['odoo', '--no-such-option'],
      user: '1001:1001',
      env: ['LOGNAME=odoo'],
      labels: testLabels(),
      binds: [],
      network: 'bridge',
      pidsLimit: 1024,
      readOnlyRootFilesystem: true,
      tmpfs: {},
      restartPolicy: 'unless-stopped',
    });
    const restartsBefore = (await docker.inspect(name))!.restartCount;
    await docker.start(name);
    await assert.rejects(
      waitHealthy({
        docker,
        container: name,
        port: 9,
        path: '/web/health',
        timeoutMs: 30_000,
        restartsBefore,
      }),
      (error: Error & { code?: string }) => {
        assert.equal(error.code, 'CONTAINER_EXITED');
        assert.match(error.message, /exit code 2\b/);
        return true;
      },
    );
  });
});
