import type { Role } from '@paas/protocol';
import { html, nothing, type TemplateResult } from 'lit';
import type { AccessView } from '../../messages/access';
import type { InvitationView, MemberView } from '../../messages/members';
import { tableHead } from '../../shared/ui/choices';
import { selectInput, textInput } from '../../shared/ui/controls';
import { formatTime, timeAgo } from '../../shared/ui/format';
import { gate, gateTitle } from '../../shared/ui/gate';
import { memberLock, offerableRoles } from '../../shared/ui/memberRules';
import { loadErrorBanner, loadingOr, organizationHeader } from '../../shared/ui/organizationHeader';
import { errorBanner } from '../../shared/ui/requests';
import { ROLE_LABELS } from '../../shared/ui/roles';
import { rowBusy } from '../../shared/ui/rows';
import type { MembersState } from './state';

export interface MembersActions {
  refresh(): void;
  setInvite(patch: Partial<MembersState['inviteForm']>): void;
  invite(): void;
  /** Shows the role choice in one row. */
  editRole(userId: string): void;
  changeRole(userId: string, role: Role): void;
  remove(userId: string): void;
  revoke(invitationId: string): void;
  copy(text: string): void;
}

/**
 * The role as text, with a pencil that turns this one row into a role choice: a list of hundreds of
 * members stays plain text (one select per row would not render in the screen's budget).
 */
function roleCell(
  m: MemberView,
  state: MembersState,
  access: AccessView,
  lock: string | undefined,
  a: MembersActions,
) {
  if (state.editing !== m.userId || lock !== undefined)
    return html`<span class="role">${ROLE_LABELS[m.role]}</span>
      <button
        class="icon-button"
        data-edit-role=${m.userId}
        ?disabled=${lock !== undefined}
        title=${lock ?? `Change the role of ${m.name}`}
        aria-label="Change the role of ${m.name}"
        @click=${() => a.editRole(m.userId)}
      >
        <span class="codicon codicon-edit" aria-hidden="true"></span>
      </button>`;
  return html`<vscode-single-select
    aria-label="Role of ${m.name}"
    data-role-of=${m.userId}
    .value=${m.role}
    @change=${(e: Event) => a.changeRole(m.userId, (e.target as HTMLSelectElement).value as Role)}
  >
    ${offerableRoles(access.role).map((r) => html`<vscode-option value=${r} ?selected=${r === m.role}>${ROLE_LABELS[r]}</vscode-option>`)}
  </vscode-single-select>`;
}

function memberRow(
  m: MemberView,
  state: MembersState,
  access: AccessView,
  owners: number,
  a: MembersActions,
) {
  const g = gate(access, 'members.manage');
  const lock = g.allowed
    ? memberLock(access.role, m, owners)
    : gateTitle(g, 'Change role or remove', access.role);
  const busy = rowBusy(state.rows, m.userId);
  const error = state.rows.errors[m.userId];
  return html`<div class="member-row" role="row" data-member=${m.userId}>
    <div role="cell">
      <span class="codicon codicon-person" aria-hidden="true"></span> ${m.name}
      ${m.you ? html`<span class="badge">you</span>` : nothing}
    </div>
    <div role="cell">${m.email}</div>
    <div role="cell">
      ${roleCell(m, state, access, busy ? (lock ?? 'Saving…') : lock, a)}
      ${error ? html`<div class="field-error row-error" role="alert">${error}</div>` : nothing}
    </div>
    <div role="cell" title=${m.joinedAt}>${formatTime(m.joinedAt)}</div>
    <div role="cell">
      <button
        class="icon-button"
        data-remove=${m.userId}
        ?disabled=${lock !== undefined || busy}
        title=${lock ?? `Remove ${m.name}`}
        aria-label="Remove ${m.name}"
        @click=${() => a.remove(m.userId)}
      >
        <span class="codicon codicon-trash" aria-hidden="true"></span>
      </button>
    </div>
  </div>`;
}

function invitationRow(i: InvitationView, state: MembersState, a: MembersActions): TemplateResult {
  const error = state.rows.errors[i.id];
  return html`<tr data-invitation=${i.id}>
    <td>${i.email}</td>
    <td>${ROLE_LABELS[i.role]}</td>
    <td>${i.invitedBy ?? '—'}</td>
    <td title=${formatTime(i.expiresAt)}>
      ${timeAgo(i.expiresAt)}
      ${error ? html`<div class="field-error row-error" role="alert">${error}</div>` : nothing}
    </td>
    <td>
      <button
        class="icon-button"
        data-revoke=${i.id}
        ?disabled=${rowBusy(state.rows, i.id)}
        title="Revoke the invitation to ${i.email}"
        aria-label="Revoke the invitation to ${i.email}"
        @click=${() => a.revoke(i.id)}
      >
        <span class="codicon codicon-close" aria-hidden="true"></span>
      </button>
    </td>
  </tr>`;
}

/** The code of the invitation just made: shown once, to copy and pass on (no mail is sent). */
function newInvitationCard(state: MembersState, a: MembersActions): TemplateResult | typeof nothing {
  const made = state.newInvitation;
  if (!made) return nothing;
  return html`<section class="card new-invitation" aria-label="Invitation code" data-new-invitation>
    <h2>Invitation for ${made.email}</h2>
    <p class="muted">
      Shown only now: pass the code or the link on. They join with PaaS: Join Organization….
    </p>
    <code class="invitation-code" data-code>${made.code}</code>
    <div class="actions">
      <vscode-button data-copy-code icon="copy" @click=${() => a.copy(made.code)}>Copy code</vscode-button>
      <vscode-button data-copy-link secondary icon="link" @click=${() => a.copy(made.joinLink)}
        >Copy join link</vscode-button
      >
    </div>
  </section>`;
}

function inviteForm(state: MembersState, access: AccessView, a: MembersActions): TemplateResult {
  const g = gate(access, 'members.manage');
  const e = state.inviteRequest.errors;
  const roles = offerableRoles(access.role).map((r) => ({ value: r, label: ROLE_LABELS[r] }));
  return html`<section class="card add-form" aria-label="Invite member">
    <h2>Invite member</h2>
    ${errorBanner(state.inviteRequest, ['email', 'role'])}
    ${textInput('email', 'Email', state.inviteForm.email, (email) => a.setInvite({ email }), e, { type: 'email', disabled: !g.allowed })}
    ${selectInput('role', 'Role', state.inviteForm.role, roles, (role) => a.setInvite({ role: role as Role }), e, !g.allowed)}
    <p class="muted hint">You cannot invite with a role above your own (${ROLE_LABELS[access.role]}).</p>
    <vscode-button
      data-invite
      ?disabled=${!g.allowed || state.inviteRequest.pendingId !== undefined}
      title=${gateTitle(g, 'Invite', access.role)}
      @click=${a.invite}
      >Invite</vscode-button
    >
  </section>`;
}

function invitations(state: MembersState, access: AccessView, a: MembersActions): TemplateResult {
  if (!gate(access, 'members.manage').allowed) return html``;
  const pending = state.model?.invitations ?? [];
  return html`<section aria-label="Pending invitations">
    <h2>Pending invitations</h2>
    ${
      pending.length === 0
        ? html`<p class="muted" data-no-invitations>No pending invitations.</p>`
        : html`<div class="table-scroll">
            <table class="data invitations">
              ${tableHead(['Email', 'Role', 'Invited by', 'Expires', ''])}
              <tbody>
                ${pending.map((i) => invitationRow(i, state, a))}
              </tbody>
            </table>
          </div>`
    }
  </section>`;
}

/** Members with their roles and join dates, the invite form and pending invitations. */
export function membersView(state: MembersState, a: MembersActions): TemplateResult {
  const model = state.model;
  if (!model) return loadingOr('members', state.loadError, a.refresh);
  const owners = model.members.filter((m) => m.role === 'owner').length;
  return html`${organizationHeader('Members', model.organization, model.access, state.refreshRequest, a.refresh)}
    ${loadErrorBanner(state.loadError)}
    <div class="members" role="table" aria-label="Members">
      <div class="member-row head" role="row">
        ${['Name', 'Email', 'Role', 'Joined'].map((l) => html`<div role="columnheader">${l}</div>`)}
        <div role="columnheader"><span class="sr-only">Actions</span></div>
      </div>
      ${model.members.map((m) => memberRow(m, state, model.access, owners, a))}
    </div>
    <div class="grid forms">${inviteForm(state, model.access, a)} ${newInvitationCard(state, a)}</div>
    ${invitations(state, model.access, a)}`;
}
