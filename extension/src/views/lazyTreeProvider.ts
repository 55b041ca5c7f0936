import * as vscode from 'vscode';

/**
 * A tree data provider that stands in for the real one until it is loaded, so activation does not pay
 * for the protocol, the WebSocket client and their schemas. The first `getChildren` loads it.
 */
export class LazyTreeProvider<T> implements vscode.TreeDataProvider<T>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<T | T[] | undefined | null | void>();
  readonly onDidChangeTreeData = this.changed.event;
  private real: vscode.TreeDataProvider<T> | undefined;
  private forwarding: vscode.Disposable | undefined;

  constructor(private readonly load: () => Promise<vscode.TreeDataProvider<T>>) {}

  async getChildren(element?: T): Promise<T[]> {
    const real = await this.provider();
    return (await real.getChildren(element)) ?? [];
  }

  async getTreeItem(element: T): Promise<vscode.TreeItem> {
    return (await this.provider()).getTreeItem(element);
  }

  async getParent(element: T): Promise<T | undefined> {
    const real = await this.provider();
    return (await real.getParent?.(element)) ?? undefined;
  }

  dispose(): void {
    this.forwarding?.dispose();
    this.changed.dispose();
  }

  private async provider(): Promise<vscode.TreeDataProvider<T>> {
    if (this.real) return this.real;
    const real = await this.load();
    if (!this.real) {
      this.real = real;
      this.forwarding = real.onDidChangeTreeData?.((element) => this.changed.fire(element));
    }
    return this.real;
  }
}
