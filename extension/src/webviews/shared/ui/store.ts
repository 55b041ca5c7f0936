import { render, type TemplateResult } from 'lit';

/**
 * The whole UI state of a screen in one object, rendered by one function. Updates are batched to one
 * render per microtask, and every state is saved through `persist` so hide/show and reload restore it.
 */
export class Store<S> {
  private scheduled = false;
  private rendered: (() => void) | undefined;

  constructor(
    private current: S,
    private readonly view: (state: S) => TemplateResult,
    private readonly root: HTMLElement,
    private readonly persist: (state: S) => void,
  ) {}

  get state(): S {
    return this.current;
  }

  update(change: (state: S) => S): void {
    this.current = change(this.current);
    this.schedule();
  }

  /** Renders now (first paint) instead of on the next microtask. */
  renderNow(): void {
    render(this.view(this.current), this.root);
    this.persist(this.current);
    this.rendered?.();
  }

  /** Called after every render (tests and the benchmark wait on it through a DOM attribute). */
  onRendered(callback: () => void): void {
    this.rendered = callback;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      this.renderNow();
    });
  }
}
