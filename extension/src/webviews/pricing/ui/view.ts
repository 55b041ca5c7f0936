import type { BillingPeriod, PlanUsage } from '@paas/protocol';
import { html, nothing, type TemplateResult } from 'lit';
import type { PlanView } from '../../messages/createProject';
import type { PricingModel } from '../../messages/pricing';
import { limits, money, price } from '../../createProject/ui/planStep';
import { gate, gateTitle } from '../../shared/ui/gate';
import { errorBanner, type RequestState } from '../../shared/ui/requests';

export interface PricingState {
  model: PricingModel | undefined;
  /** The billing period the plan cards show; the project's own until switched. */
  billing: BillingPeriod | undefined;
  request: RequestState;
}

export interface PricingActions {
  setBilling(billing: BillingPeriod): void;
  change(tier: PlanView['tier']): void;
  refresh(): void;
}

interface Meter {
  id: string;
  label: string;
  used: number;
  /** `null`: unlimited. */
  max: number | null;
  note?: string;
}

function meters(usage: PlanUsage, plan: PlanView): Meter[] {
  const l = plan.limits;
  const r = l.backupRetention;
  return [
    { id: 'instances', label: 'Instances', used: usage.instances, max: l.instances },
    { id: 'environments', label: 'Environments', used: usage.environments, max: l.environments },
    { id: 'includedSeats', label: 'Seats', used: usage.includedSeats, max: l.includedSeats },
    {
      id: 'backupsKept',
      label: 'Backups kept',
      used: usage.backupsKept,
      max: null,
      note: `retention keeps ${r.daily} daily, ${r.weekly} weekly, ${r.monthly} monthly per environment`,
    },
  ];
}

function meterRow(m: Meter): TemplateResult {
  const over = m.max !== null && m.used > m.max;
  return html`<div class="usage ${over ? 'over' : ''}" data-usage=${m.id}>
    <span class="usage-label">${m.label}</span>
    ${m.max === null ? html`<span class="unlimited"></span>` : html`<meter min="0" max=${m.max} value=${m.used} aria-label=${m.label}></meter>`}
    <span class="usage-value">${m.used} / ${m.max === null ? '∞' : m.max}</span>
    ${m.note ? html`<span class="muted usage-note">${m.note}</span>` : nothing}
  </div>`;
}

/** The limits `usage` already exceeds on `plan`: moving there is refused by the agent. */
function exceeded(usage: PlanUsage, plan: PlanView): string[] {
  const l = plan.limits;
  const checks: [string, number, number | null][] = [
    ['instances', usage.instances, l.instances],
    ['environments', usage.environments, l.environments],
    ['seats', usage.includedSeats, l.includedSeats],
  ];
  return checks
    .filter(([, used, max]) => max !== null && used > max)
    .map(([name, used, max]) => `${name} ${used} > ${max}`);
}

function planCard(
  model: PricingModel,
  plan: PlanView,
  billing: BillingPeriod,
  busy: boolean,
  a: PricingActions,
): TemplateResult {
  const current = plan.tier === model.plan.tier && billing === model.plan.billing;
  const g = gate(model.access, 'plan.manage');
  const blockers = exceeded(model.usage, plan);
  const label = current
    ? 'Current plan'
    : plan.tier === model.plan.tier
      ? `Switch to ${billing} billing`
      : `Move to ${plan.name}`;
  const title =
    blockers.length > 0
      ? `${label}: current usage exceeds ${blockers.join(', ')}`
      : gateTitle(g, label, model.access.role);
  return html`<section
    class="card plan ${plan.tier === model.plan.tier ? 'chosen' : ''}"
    data-tier=${plan.tier}
    aria-label="${plan.name} plan"
  >
    <h3>
      ${plan.name}${plan.tier === model.plan.tier ? html` <span class="badge">current</span>` : nothing}
    </h3>
    ${price(plan, billing)}
    ${billing === 'annual' && plan.price.monthly > 0 ? html`<div class="muted">Ten months billed for twelve (${money(plan.price.monthly, plan.price.currency)} a month)</div>` : nothing}
    ${limits(plan)}
    <vscode-button
      data-change=${plan.tier}
      ?secondary=${current}
      ?disabled=${current || !g.allowed || busy || blockers.length > 0}
      title=${title}
      @click=${() => a.change(plan.tier)}
      >${label}</vscode-button
    >
  </section>`;
}

/** The current plan and billing period, usage against each limit, and the plans to move to. */
export function pricingView(state: PricingState, a: PricingActions): TemplateResult {
  const model = state.model;
  if (!model) return html`<p class="muted" role="status">Loading plans and usage…</p>`;
  const billing = state.billing ?? model.plan.billing;
  const currentPlan = model.plans.find((p) => p.tier === model.plan.tier);
  const busy = state.request.pendingId !== undefined;
  const g = gate(model.access, 'plan.manage');
  return html`<div class="row">
      <h1>${model.projectName} <span class="muted">— Pricing &amp; Plans</span></h1>
      <span class="spacer"></span>
      <vscode-button data-refresh secondary icon="refresh" ?disabled=${busy} @click=${a.refresh}
        >Refresh</vscode-button
      >
    </div>
    ${errorBanner(state.request)}
    <section aria-labelledby="current-title" class="current">
      <h2 id="current-title">
        <span class="codicon codicon-credit-card" aria-hidden="true"></span>
        ${currentPlan?.name ?? model.plan.tier} plan, billed
        ${model.plan.billing === 'annual' ? 'annually' : 'monthly'}
      </h2>
      ${currentPlan ? meters(model.usage, currentPlan).map(meterRow) : nothing}
    </section>
    <h2>Change plan</h2>
    ${g.allowed ? nothing : html`<div class="banner info" role="status">${gateTitle(g, 'Changing the plan', model.access.role)}</div>`}
    <vscode-radio-group class="billing" aria-label="Billing period">
      <vscode-radio
        name="billing"
        value="monthly"
        label="Monthly"
        ?checked=${billing === 'monthly'}
        @change=${() => a.setBilling('monthly')}
      ></vscode-radio>
      <vscode-radio
        name="billing"
        value="annual"
        label="Annual (ten months for twelve)"
        ?checked=${billing === 'annual'}
        @change=${() => a.setBilling('annual')}
      ></vscode-radio>
    </vscode-radio-group>
    <div class="grid plans">${model.plans.map((plan) => planCard(model, plan, billing, busy, a))}</div>`;
}
