import type { JobStep, JobStepState } from '@paas/protocol';
import * as vscode from 'vscode';
import { themeIcon, type IconLook } from '../icon';

const STATE_ICON: Record<JobStepState, IconLook> = {
  pending: { icon: 'circle-outline' },
  running: { icon: 'sync~spin' },
  succeeded: { icon: 'pass', color: 'testing.iconPassed' },
  failed: { icon: 'error', color: 'list.errorForeground' },
  skipped: { icon: 'debug-step-over', color: 'disabledForeground' },
  canceled: { icon: 'circle-slash', color: 'disabledForeground' },
  interrupted: { icon: 'debug-disconnect', color: 'list.warningForeground' },
};

export interface StepNode {
  kind: 'step';
  jobKey: string;
  step: JobStep;
}

export function stepTreeItem(node: StepNode): vscode.TreeItem {
  const { step } = node;
  const item = new vscode.TreeItem(step.name, vscode.TreeItemCollapsibleState.None);
  item.id = `${node.jobKey}/step:${step.name}`;
  item.iconPath = themeIcon(STATE_ICON[step.state]);
  const duration = step.durationMs !== null ? `${(step.durationMs / 1000).toFixed(1)} s` : undefined;
  item.description = [step.state, duration].filter(Boolean).join(' · ');
  item.tooltip = step.summary ?? step.state;
  item.contextValue = `step state:${step.state}`;
  return item;
}
