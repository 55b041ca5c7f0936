import type { Project } from '@paas/protocol';
import type { ProjectInfoModel } from '../../messages/projectInfo';
import { IDLE, type RequestState } from '../../shared/ui/requests';

export type InfoTab = 'general' | 'configuration';

export interface GeneralDraft {
  name: string;
  registryUrl: string;
  domainKind: Project['domainProvider']['kind'];
  baseDomain: string;
}

export interface ConfigurationDraft {
  odooVersion: string;
  edition: 'community' | 'enterprise';
  baseImage: string;
  excludedAddons: string;
}

export interface ProjectInfoState {
  model: ProjectInfoModel | undefined;
  tab: InfoTab;
  general: GeneralDraft;
  configuration: ConfigurationDraft;
  request: RequestState;
  /** Set after a successful save, until the next edit. */
  saved: boolean;
}

export const INITIAL_STATE: ProjectInfoState = {
  model: undefined,
  tab: 'general',
  general: { name: '', registryUrl: '', domainKind: 'none', baseDomain: '' },
  configuration: { odooVersion: '', edition: 'community', baseImage: '', excludedAddons: '' },
  request: IDLE,
  saved: false,
};

/** A fresh model resets both drafts to what the agent holds. */
export function withModel(state: ProjectInfoState, model: ProjectInfoModel): ProjectInfoState {
  const p = model.project;
  return {
    ...state,
    model,
    general: {
      name: p.name,
      registryUrl: p.registry.url,
      domainKind: p.domainProvider.kind,
      baseDomain: p.domainProvider.baseDomain ?? '',
    },
    configuration: {
      odooVersion: p.configuration.odooVersion,
      edition: p.configuration.edition,
      baseImage: p.configuration.baseImage ?? '',
      excludedAddons: p.configuration.excludedAddons.join(', '),
    },
  };
}

/** The tab's draft as `projects/update` params (the extension adds `projectId`). */
export function toParams(state: ProjectInfoState): Record<string, unknown> {
  if (state.tab === 'general') {
    const g = state.general;
    return {
      name: g.name,
      registry: { url: g.registryUrl },
      domainProvider: g.baseDomain
        ? { kind: g.domainKind, baseDomain: g.baseDomain }
        : { kind: g.domainKind },
    };
  }
  const c = state.configuration;
  return {
    configuration: {
      odooVersion: c.odooVersion,
      edition: c.edition,
      ...(c.baseImage ? { baseImage: c.baseImage } : {}),
      excludedAddons: c.excludedAddons.split(/[\s,]+/).filter(Boolean),
    },
  };
}
