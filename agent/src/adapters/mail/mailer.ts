/** An invitation to deliver: everything a mail needs, the one-time code included. */
export interface InvitationMessage {
  readonly email: string;
  readonly organizationName: string;
  readonly invitedBy: string;
  readonly role: string;
  readonly expiresAt: string;
  /** The one-time code. A mailer puts it in the mail and nowhere else: never in a log. */
  readonly invitationCode: string;
}

/**
 * Delivers invitations. The agent sends no mail today: the code goes back to the inviter, who passes it
 * on. An SMTP implementation plugs in here (wired in main.ts) without touching the invitation service.
 */
export interface Mailer {
  /** Hands the message over for delivery; rejects with a typed error when it cannot. */
  sendInvitation(message: InvitationMessage): Promise<void>;
}
