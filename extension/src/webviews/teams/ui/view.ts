import { html, nothing, type TemplateResult } from 'lit';
import type { AccessView } from '../../messages/access';
import type { TeamView } from '../../messages/teams';
import { textInput } from '../../shared/ui/controls';
import { gate, gateTitle } from '../../shared/ui/gate';
import { loadErrorBanner, loadingOr, organizationHeader } from '../../shared/ui/organizationHeader';
import { errorBanner } from '../../shared/ui/requests';
import { rowBusy } from '../../shared/ui/rows';
import type { TeamsState } from './state';

export interface TeamsActions {
  refresh(): void;
  setCreateName(name: string): void;
  create(): void;
  setDraft(teamId: string, patch: { name?: string; userId?: string }): void;
  rename(teamId: string): void;
  delete(teamId: string): void;
  addMember(teamId: string): void;
  removeMember(teamId: string, userId: string): void;
}

function memberItem(team: TeamView, userId: string, name: string, locked: boolean, a: TeamsActions) {
  return html`<li data-team-member=${userId}>
    <span><span class="codicon codicon-person" aria-hidden="true"></span> ${name}</span>
    <button
      class="icon-button"
      data-remove-member=${userId}
      ?disabled=${locked}
      title="Remove ${name} from ${team.name}"
      aria-label="Remove ${name} from ${team.name}"
      @click=${() => a.removeMember(team.id, userId)}
    >
      <span class="codicon codicon-close" aria-hidden="true"></span>
    </button>
  </li>`;
}

function teamCard(team: TeamView, state: TeamsState, access: AccessView, a: TeamsActions): TemplateResult {
  const g = gate(access, 'teams.manage');
  const locked = !g.allowed || rowBusy(state.rows, team.id);
  const draft = state.drafts[team.id] ?? {};
  const inTeam = new Set(team.members.map((m) => m.userId));
  const candidates = (state.model?.members ?? []).filter((m) => !inTeam.has(m.userId));
  const error = state.rows.errors[team.id];
  const why = gateTitle(g, 'Change the team', access.role);
  return html`<section class="card team-card" data-team=${team.id} aria-label="Team ${team.name}">
    <h2>
      <span class="codicon codicon-organization" aria-hidden="true"></span> ${team.name}
      <span class="muted">(${team.members.length} members)</span>
      <button
        class="icon-button"
        data-delete-team=${team.id}
        ?disabled=${locked}
        title=${g.allowed ? `Delete ${team.name}` : why}
        aria-label="Delete ${team.name}"
        @click=${() => a.delete(team.id)}
      >
        <span class="codicon codicon-trash" aria-hidden="true"></span>
      </button>
    </h2>
    ${error ? html`<div class="field-error row-error" role="alert">${error}</div>` : nothing}
    ${
      team.members.length === 0
        ? html`<p class="muted">No members yet.</p>`
        : html`<ul>
            ${team.members.map((m) => memberItem(team, m.userId, m.name, locked, a))}
          </ul>`
    }
    <div class="actions">
      <vscode-single-select
        aria-label="Member to add to ${team.name}"
        data-add-choice=${team.id}
        ?disabled=${locked || candidates.length === 0}
        .value=${draft.userId ?? ''}
        @change=${(e: Event) => a.setDraft(team.id, { userId: (e.target as HTMLSelectElement).value })}
      >
        <vscode-option value="" ?selected=${!draft.userId}>Add a member…</vscode-option>
        ${candidates.map((m) => html`<vscode-option value=${m.userId} ?selected=${draft.userId === m.userId}>${m.name} (${m.email})</vscode-option>`)}
      </vscode-single-select>
      <vscode-button
        data-add-member=${team.id}
        secondary
        ?disabled=${locked || !draft.userId}
        title=${g.allowed ? `Add to ${team.name}` : why}
        @click=${() => a.addMember(team.id)}
        >Add</vscode-button
      >
    </div>
    <div class="actions">
      <vscode-textfield
        aria-label="New name of ${team.name}"
        data-rename-field=${team.id}
        ?disabled=${locked}
        .value=${draft.name ?? team.name}
        @input=${(e: Event) => a.setDraft(team.id, { name: (e.target as HTMLInputElement).value })}
      ></vscode-textfield>
      <vscode-button
        data-rename=${team.id}
        secondary
        ?disabled=${locked || !draft.name || draft.name.trim() === team.name}
        title=${g.allowed ? `Rename ${team.name}` : why}
        @click=${() => a.rename(team.id)}
        >Rename</vscode-button
      >
    </div>
  </section>`;
}

function createForm(state: TeamsState, access: AccessView, a: TeamsActions): TemplateResult {
  const g = gate(access, 'teams.manage');
  return html`<section class="card add-form" aria-label="Create team">
    <h2>Create team</h2>
    ${errorBanner(state.createRequest, ['name'])}
    ${textInput('name', 'Name', state.createForm.name, a.setCreateName, state.createRequest.errors, { disabled: !g.allowed })}
    <p class="muted hint">Projects grant roles to teams on their Collaborators screen.</p>
    <vscode-button
      data-create
      ?disabled=${!g.allowed || state.createForm.name.trim() === '' || state.createRequest.pendingId !== undefined}
      title=${gateTitle(g, 'Create team', access.role)}
      @click=${a.create}
      >Create team</vscode-button
    >
  </section>`;
}

/** The organization's teams, each with its members, and the form to create one. */
export function teamsView(state: TeamsState, a: TeamsActions): TemplateResult {
  const model = state.model;
  if (!model) return loadingOr('teams', state.loadError, a.refresh);
  return html`${organizationHeader('Teams', model.organization, model.access, state.refreshRequest, a.refresh)}
    ${loadErrorBanner(state.loadError)}
    ${model.teams.length === 0 ? html`<p class="muted" data-no-teams>No teams yet.</p>` : nothing}
    <div class="grid teams">
      ${model.teams.map((t) => teamCard(t, state, model.access, a))} ${createForm(state, model.access, a)}
    </div>`;
}
