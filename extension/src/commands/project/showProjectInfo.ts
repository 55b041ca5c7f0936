import { showProjectInfo } from '../../webviews/index';
import { connectProject } from '../../webviews/shared/projectConnection';
import { projectScreenCommand, screenDeps } from './projectScreens';

/** Opens the Project Info screen (General Info and Configuration) of a project. */
export const showProjectInfoCommand = projectScreenCommand('paas.project.showInfo', (context, ref) =>
  showProjectInfo(
    {
      ...screenDeps(context),
      agent: async () => {
        const { connection, permissions } = await connectProject(context, ref);
        return { agent: connection, permissions };
      },
    },
    ref,
  ),
);
