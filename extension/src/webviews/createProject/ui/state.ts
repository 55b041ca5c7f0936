import type { EnvironmentType } from '@paas/protocol';
import type { CreateProjectModel } from '../../messages/createProject';
import { IDLE, type RequestState } from '../../shared/ui/requests';

export type Billing = 'monthly' | 'annual';
export type Tier = 'free' | 'essential' | 'pro' | 'premium';
export type CredentialsKind = 'none' | 'token' | 'deployKey';
export type DomainKind = 'none' | 'cloudflare' | 'manual';

/** The form's fields, as the user typed them. */
export interface FormValues {
  name: string;
  registryUrl: string;
  credentialsKind: CredentialsKind;
  username: string;
  token: string;
  privateKey: string;
  domainKind: DomainKind;
  baseDomain: string;
  environmentType: EnvironmentType;
  odooVersion: string;
  edition: 'community' | 'enterprise';
  baseImage: string;
  branch: string;
  autoInstall: boolean;
  ocaQueue: boolean;
  coverage: boolean;
  excludedAddons: string;
}

export interface CreateProjectState {
  model: CreateProjectModel | undefined;
  step: 1 | 2;
  billing: Billing;
  tier: Tier;
  form: FormValues;
  /** Branches read from the registry, and the URL they were read from. */
  branches: string[];
  branchesFor: string | undefined;
  branchRequest: RequestState;
  submit: RequestState;
  created: string | undefined;
}

export const INITIAL_FORM: FormValues = {
  name: '',
  registryUrl: '',
  credentialsKind: 'none',
  username: '',
  token: '',
  privateKey: '',
  domainKind: 'none',
  baseDomain: '',
  environmentType: 'development',
  odooVersion: '',
  edition: 'community',
  baseImage: '',
  branch: '',
  autoInstall: false,
  ocaQueue: false,
  coverage: false,
  excludedAddons: '',
};

export const INITIAL_STATE: CreateProjectState = {
  model: undefined,
  step: 1,
  billing: 'monthly',
  tier: 'free',
  form: INITIAL_FORM,
  branches: [],
  branchesFor: undefined,
  branchRequest: IDLE,
  submit: IDLE,
  created: undefined,
};

/** What `setState` keeps: never the token or the private key (webview state is stored unencrypted). */
export function savedState(state: CreateProjectState): CreateProjectState {
  return { ...state, form: { ...state.form, token: '', privateKey: '' }, submit: IDLE, branchRequest: IDLE };
}

/** The form's registry credentials, as `projects/create` and `projects/branches` take them. */
export function credentials(form: FormValues): Record<string, string> {
  if (form.credentialsKind === 'token')
    return { kind: 'token', username: form.username || 'git', token: form.token };
  if (form.credentialsKind === 'deployKey') return { kind: 'deployKey', privateKey: form.privateKey };
  return { kind: 'none' };
}

/** The form as `projects/create` params; the extension checks them with the protocol's schema. */
export function toParams(state: CreateProjectState): Record<string, unknown> {
  const f = state.form;
  const excluded = f.excludedAddons
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  return {
    name: f.name,
    deploymentType: 'odoo',
    registry: { url: f.registryUrl, credentials: credentials(f) },
    domainProvider: f.baseDomain ? { kind: f.domainKind, baseDomain: f.baseDomain } : { kind: f.domainKind },
    plan: { tier: state.tier, billing: state.billing },
    configuration: {
      odooVersion: f.odooVersion,
      edition: f.edition,
      ...(f.baseImage ? { baseImage: f.baseImage } : {}),
      excludedAddons: excluded,
    },
    firstEnvironment: {
      type: f.environmentType,
      automation: { autoInstall: f.autoInstall, ocaQueue: f.ocaQueue, coverage: f.coverage },
      ...(f.branch ? { branch: f.branch } : {}),
    },
  };
}
