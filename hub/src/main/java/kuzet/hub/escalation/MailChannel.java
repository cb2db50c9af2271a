package kuzet.hub.escalation;

import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailMessage;
import kuzet.hub.alert.Alert;

/** E-mails the target's addresses through the configured SMTP server (vertx-mail-client, non-blocking). */
public final class MailChannel implements NotificationChannel {
  private final MailClient client;
  private final String from;

  public MailChannel(MailClient client, String from) {
    this.client = client;
    this.from = from;
  }

  @Override
  public boolean reaches(Target target) {
    return !target.emails().isEmpty();
  }

  @Override
  public void deliver(Notice notice, Target target, Outcome outcome) {
    Alert a = notice.alert();
    MailMessage m = new MailMessage().setFrom(from).setTo(target.emails())
        .setSubject("[Kuzet " + a.severity() + "] " + a.type() + " at " + a.postName() + " (" + a.district() + ")")
        .setText(a.type() + " at post " + a.postId() + " (" + a.postName() + ", " + a.district() + ")\n"
            + "Opened " + a.openedAt() + ", not acknowledged yet; " + notice.describe() + ".\n"
            + (a.history().isEmpty() ? "" : a.history().get(0).detail() + "\n") + "Alert id " + a.id() + "\n");
    String what = "e-mail " + notice.describe() + " (" + String.join(", ", target.emails()) + "): ";
    client.sendMail(m).onComplete(ar -> outcome.record(what + (ar.succeeded() ? "sent" : "failed (" + ar.cause().getMessage() + ")")));
  }
}
