import * as vscode from 'vscode';
import type { Connections } from '../../client/connections';
import type { ProjectsData } from '../projects/projectsData';
import { isPending, jobTreeItem, type JobNode } from './jobNode';
import { stepTreeItem, type StepNode } from './stepNode';

type Node = JobNode | StepNode;

/** Running jobs first, then the most recent. */
function compareJobs(a: JobNode, b: JobNode): number {
  const pending = Number(isPending(b.job)) - Number(isPending(a.job));
  return pending || b.job.createdAt.localeCompare(a.job.createdAt);
}

/** The Jobs view: running and recent jobs of every server, each with its steps. */
export class JobsProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly jobs = new Map<string, JobNode>();
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly connections: Connections,
    private readonly data: ProjectsData,
  ) {
    this.subscription = data.onDidChange(() => this.changed.fire(undefined));
  }

  getChildren(element?: Node): Node[] {
    if (element?.kind === 'step') return [];
    if (element) {
      const jobKey = `${element.serverId}/job:${element.job.id}`;
      return element.job.steps.map((step): StepNode => ({ kind: 'step', jobKey, step }));
    }
    this.jobs.clear();
    const nodes: JobNode[] = [];
    for (const connection of this.connections.all()) {
      const snapshot = this.data.snapshot(connection.serverId);
      if (!snapshot) continue;
      for (const job of snapshot.jobs.values()) {
        const node: JobNode = {
          kind: 'job',
          serverId: connection.serverId,
          job,
          appName: snapshot.apps.get(job.appId)?.name ?? job.appId,
        };
        nodes.push(node);
        this.jobs.set(`${connection.serverId}/job:${job.id}`, node);
      }
    }
    return nodes.sort(compareJobs);
  }

  getParent(element: Node): Node | undefined {
    return element.kind === 'step' ? this.jobs.get(element.jobKey) : undefined;
  }

  getTreeItem(element: Node): vscode.TreeItem {
    return element.kind === 'job' ? jobTreeItem(element) : stepTreeItem(element);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
