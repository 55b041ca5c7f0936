import { html, type TemplateResult } from 'lit';
import type { PlanView } from '../../messages/createProject';
import type { Billing, Tier } from './state';

export interface PlanStepActions {
  setBilling(billing: Billing): void;
  choose(tier: Tier): void;
}

export function money(cents: number, currency: string): string {
  return new Intl.NumberFormat(undefined, { style: 'currency', currency, maximumFractionDigits: 0 }).format(
    cents / 100,
  );
}

export function price(plan: PlanView, billing: Billing): TemplateResult {
  const { monthly, annual, currency } = plan.price;
  if (monthly === 0) return html`<div class="price">Free</div>`;
  if (billing === 'monthly')
    return html`<div class="price">${money(monthly, currency)}<span class="muted"> / month</span></div>`;
  return html`<div class="price">${money(annual, currency)}<span class="muted"> / year</span></div>
    <div class="saving">Save ${money(monthly * 12 - annual, currency)} a year</div>`;
}

function count(limit: number | null, one: string, many: string): string {
  return limit === null ? `Unlimited ${many}` : `${limit} ${limit === 1 ? one : many}`;
}

export function limits(plan: PlanView): TemplateResult {
  const l = plan.limits;
  const yes = (ok: boolean, label: string): TemplateResult =>
    html`<li class=${ok ? '' : 'muted'}>
      <span class="codicon codicon-${ok ? 'check' : 'close'}" aria-hidden="true"></span
      >${label}${ok ? '' : ' (not included)'}
    </li>`;
  const r = l.backupRetention;
  return html`<ul class="limits">
    <li>${count(l.instances, 'app instance', 'app instances')}</li>
    <li>${count(l.environments, 'environment', 'environments')}</li>
    <li>${count(l.includedSeats, 'included seat', 'included seats')}</li>
    <li>Backups kept: ${r.daily} daily, ${r.weekly} weekly, ${r.monthly} monthly</li>
    ${yes(l.automatedBuilds !== 0, `Automated builds${l.automatedBuilds ? ` (${l.automatedBuilds} a month)` : ''}`)}
    ${yes(l.whiteLabel, 'White label')}
  </ul>`;
}

/** Step 1: Free, Essential, Pro, Premium with their limits; Monthly/Annual switch with the annual saving. */
export function planStep(
  plans: readonly PlanView[],
  billing: Billing,
  chosen: Tier,
  actions: PlanStepActions,
): TemplateResult {
  return html`<h2>1. Choose a plan</h2>
    <vscode-radio-group class="billing" aria-label="Billing period">
      <vscode-radio
        name="billing"
        value="monthly"
        label="Monthly"
        ?checked=${billing === 'monthly'}
        @change=${() => actions.setBilling('monthly')}
      ></vscode-radio>
      <vscode-radio
        name="billing"
        value="annual"
        label="Annual (2 months free)"
        ?checked=${billing === 'annual'}
        @change=${() => actions.setBilling('annual')}
      ></vscode-radio>
    </vscode-radio-group>
    <div class="grid plans">
      ${plans.map(
        (plan) =>
          html`<section
            class="card plan ${plan.tier === chosen ? 'chosen' : ''}"
            data-tier=${plan.tier}
            aria-label="${plan.name} plan"
          >
            <h3>${plan.name}</h3>
            ${price(plan, billing)} ${limits(plan)}
            <vscode-button
              data-choose=${plan.tier}
              ?secondary=${plan.tier !== chosen}
              @click=${() => actions.choose(plan.tier)}
              >${plan.tier === chosen ? 'Selected — continue' : `Choose ${plan.name}`}</vscode-button
            >
          </section>`,
      )}
    </div>`;
}
