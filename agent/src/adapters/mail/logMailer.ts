import type { Logger } from '../../log';
import type { InvitationMessage, Mailer } from './mailer';

/** Sends nothing: notes that an invitation awaits hand delivery, without its code. */
export class LogMailer implements Mailer {
  constructor(private readonly log: Logger) {}

  sendInvitation(message: InvitationMessage): Promise<void> {
    this.log.info(
      { email: message.email, organization: message.organizationName, expiresAt: message.expiresAt },
      'invitation created; no mailer is configured, the inviter passes the code on',
    );
    return Promise.resolve();
  }
}
