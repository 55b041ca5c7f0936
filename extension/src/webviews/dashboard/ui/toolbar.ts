import type { Action, EnvironmentType } from '@paas/protocol';
import { html, type TemplateResult } from 'lit';
import type { AccessView } from '../../messages/access';
import type { DashboardToExtension } from '../../messages/dashboard';
import { gate, gateTitle } from '../../shared/ui/gate';
import type { DashboardActions } from './actions';

type ToolbarIntent = Extract<
  DashboardToExtension,
  { type: 'createApp' | 'automateEnvironment' | 'destroyEnvironment' | 'refresh' }
>['type'];

const TOOLS: readonly {
  intent: ToolbarIntent;
  icon: string;
  label: string;
  action: Action;
  secondary?: true;
}[] = [
  { intent: 'createApp', icon: 'add', label: 'New app', action: 'app.create' },
  {
    intent: 'automateEnvironment',
    icon: 'settings-gear',
    label: 'Automate environment',
    action: 'environment.automate',
    secondary: true,
  },
  {
    intent: 'destroyEnvironment',
    icon: 'trash',
    label: 'Destroy',
    action: 'environment.destroy',
    secondary: true,
  },
  { intent: 'refresh', icon: 'refresh', label: 'Refresh', action: 'app.refresh', secondary: true },
];

/** New app, Automate environment, Destroy, Refresh and Show disabled apps, gated by the caller's role. */
export function toolbar(
  access: AccessView,
  environmentType: EnvironmentType,
  showDisabled: boolean,
  actions: DashboardActions,
): TemplateResult {
  const click = (intent: ToolbarIntent): void =>
    actions.post(intent === 'refresh' ? { type: 'refresh' } : { type: intent, environmentType });
  const showGate = gate(access, 'app.showDisabled', environmentType);
  return html`<div class="row toolbar" role="toolbar" aria-label="Environment actions">
    ${TOOLS.map((tool) => {
      const g = gate(access, tool.action, environmentType);
      return html`<vscode-button
        data-tool=${tool.intent}
        icon=${tool.icon}
        ?secondary=${tool.secondary === true}
        ?disabled=${!g.allowed}
        title=${gateTitle(g, tool.label, access.role)}
        @click=${() => click(tool.intent)}
        >${tool.label}</vscode-button
      >`;
    })}
    <span class="spacer"></span>
    <vscode-checkbox
      data-tool="showDisabled"
      label="Show disabled apps"
      ?checked=${showDisabled}
      ?disabled=${!showGate.allowed}
      @change=${(e: Event) => actions.setShowDisabled((e.target as HTMLInputElement).checked)}
    ></vscode-checkbox>
  </div>`;
}
