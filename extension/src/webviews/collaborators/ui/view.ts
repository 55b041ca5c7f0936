import type { Role } from '@paas/protocol';
import { html, nothing, type TemplateResult } from 'lit';
import type { AccessView } from '../../messages/access';
import type { CollaboratorView, OrganizationAccessView } from '../../messages/collaborators';
import { selectInput, textInput } from '../../shared/ui/controls';
import { gate, gateTitle } from '../../shared/ui/gate';
import { errorBanner } from '../../shared/ui/requests';
import { ROLE_LABELS, outranks, roleChoices } from '../../shared/ui/roles';
import { tableHead } from '../../shared/ui/choices';
import type { CollaboratorsState } from './state';

export interface CollaboratorsActions {
  setUser(patch: Partial<CollaboratorsState['userForm']>): void;
  setTeam(patch: Partial<CollaboratorsState['teamForm']>): void;
  addUser(): void;
  addTeam(): void;
  changeRole(collaboratorId: string, role: Role): void;
  remove(collaboratorId: string): void;
}

function row(
  c: CollaboratorView,
  state: CollaboratorsState,
  access: AccessView,
  a: CollaboratorsActions,
): TemplateResult {
  const g = gate(access, c.kind === 'team' ? 'teams.manage' : 'members.manage');
  // The hierarchy rule: nobody changes or removes someone above themselves.
  const above = outranks(c.role, access.role);
  const busy = Object.values(state.rowRequests).includes(c.id);
  const locked = !g.allowed || above || busy;
  const why = above
    ? `${c.name} has a role above yours (${ROLE_LABELS[access.role]})`
    : gateTitle(g, 'Change role or remove', access.role);
  const error = state.rowErrors[c.id];
  return html`<tr data-collaborator=${c.id}>
    <td>
      <span
        class="codicon codicon-${c.kind === 'team' ? 'organization' : 'person'}"
        aria-hidden="true"
      ></span>
      ${c.name}
      ${c.kind === 'team' ? html`<span class="muted">(${c.memberCount ?? 0} members)</span>` : nothing}
    </td>
    <td>${c.email ?? '—'}</td>
    <td>
      <vscode-single-select
        aria-label="Role of ${c.name}"
        data-role-of=${c.id}
        ?disabled=${locked}
        title=${why}
        .value=${c.role}
        @change=${(e: Event) => a.changeRole(c.id, (e.target as HTMLSelectElement).value as Role)}
      >
        ${roleChoices(access.role).map((r) => html`<vscode-option value=${r.value} ?selected=${r.value === c.role} ?disabled=${r.disabled}>${r.label}</vscode-option>`)}
      </vscode-single-select>
      ${error ? html`<div class="field-error row-error" role="alert">${error}</div>` : nothing}
    </td>
    <td>
      <button
        class="icon-button"
        data-remove=${c.id}
        ?disabled=${locked}
        title=${locked ? why : `Remove ${c.name}`}
        aria-label="Remove ${c.name}"
        @click=${() => a.remove(c.id)}
      >
        <span class="codicon codicon-trash" aria-hidden="true"></span>
      </button>
    </td>
  </tr>`;
}

/** A read-only row: the organization role gives access; it is changed on the organization, not here. */
function organizationRow(o: OrganizationAccessView): TemplateResult {
  return html`<tr data-organization-member=${o.userId}>
    <td><span class="codicon codicon-person" aria-hidden="true"></span> ${o.name}</td>
    <td>${o.email}</td>
    <td>${ROLE_LABELS[o.role]} <span class="muted">(organization role)</span></td>
    <td></td>
  </tr>`;
}

function addUserForm(state: CollaboratorsState, access: AccessView, a: CollaboratorsActions): TemplateResult {
  const g = gate(access, 'members.manage');
  const e = state.userRequest.errors;
  return html`<section class="card add-form" aria-label="Add user">
    <h2>Add user</h2>
    ${errorBanner(state.userRequest, ['email', 'role'])}
    ${textInput('email', 'Email', state.userForm.email, (email) => a.setUser({ email }), e, { type: 'email', disabled: !g.allowed })}
    ${selectInput('role', 'Project role', state.userForm.role, roleChoices(access.role), (role) => a.setUser({ role: role as Role }), e, !g.allowed)}
    <p class="muted hint">You cannot grant a role above your own (${ROLE_LABELS[access.role]}).</p>
    <vscode-button
      data-add-user
      ?disabled=${!g.allowed || state.userRequest.pendingId !== undefined}
      title=${gateTitle(g, 'Add user', access.role)}
      @click=${a.addUser}
      >Add user</vscode-button
    >
  </section>`;
}

function addTeamForm(state: CollaboratorsState, access: AccessView, a: CollaboratorsActions): TemplateResult {
  const g = gate(access, 'teams.manage');
  // Both forms have a role field; the team's gets its own id, and the agent's `role` issue is moved to it.
  const { role: roleError, ...rest } = state.teamRequest.errors;
  const e = roleError === undefined ? rest : { ...rest, 'team.role': roleError };
  const teams = state.model?.teams ?? [];
  return html`<section class="card add-form" aria-label="Add team">
    <h2>Add team</h2>
    ${errorBanner(state.teamRequest, ['teamId', 'role'])}
    ${selectInput('teamId', 'Team', state.teamForm.teamId, [{ value: '', label: 'Choose a team…' }, ...teams.map((t) => ({ value: t.id, label: `${t.name} (${t.memberCount})` }))], (teamId) => a.setTeam({ teamId }), e, !g.allowed)}
    ${selectInput('team.role', 'Project role', state.teamForm.role, roleChoices(access.role), (role) => a.setTeam({ role: role as Role }), e, !g.allowed)}
    <vscode-button
      data-add-team
      ?disabled=${!g.allowed || !state.teamForm.teamId || state.teamRequest.pendingId !== undefined}
      title=${gateTitle(g, 'Add team', access.role)}
      @click=${a.addTeam}
      >Add team</vscode-button
    >
  </section>`;
}

/** Users and teams with their roles, and the forms to add more; hierarchy-rule errors shown where they happen. */
export function collaboratorsView(state: CollaboratorsState, a: CollaboratorsActions): TemplateResult {
  const model = state.model;
  if (!model) return html`<p class="muted" role="status">Loading collaborators…</p>`;
  return html`<h1>${model.projectName} <span class="muted">— Collaborators</span></h1>
    <div class="table-scroll">
      <table class="data collaborators">
        ${tableHead(['Name', 'Email', 'Role', ''])}
        <tbody>
          ${model.organizationAccess.map(organizationRow)}
          ${model.collaborators.map((c) => row(c, state, model.access, a))}
        </tbody>
      </table>
    </div>
    <div class="grid forms">
      ${addUserForm(state, model.access, a)} ${addTeamForm(state, model.access, a)}
    </div>`;
}
