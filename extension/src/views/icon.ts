import * as vscode from 'vscode';

/** A codicon and the theme colour it is drawn in. */
export interface IconLook {
  icon: string;
  color?: string;
}

export function themeIcon(look: IconLook): vscode.ThemeIcon {
  return new vscode.ThemeIcon(look.icon, look.color ? new vscode.ThemeColor(look.color) : undefined);
}
