package org.goldensdk.portal;

import java.time.Instant;
import java.util.Objects;

/**
 * A citizen's letter to a department through the portal's mailbox (政民互动信箱), as the department
 * fetches it. It carries the writer's name and contact, which are personal data: only the
 * department the letter is assigned to may fetch it, and {@link #toString()} leaves them out. The
 * public page shows the subject, the body with personal data masked, and the reply.
 *
 * @param id the portal's id
 * @param agency the credit code of the department it is assigned to
 * @param subject the subject
 * @param body what the citizen wrote
 * @param writerName the writer's name (personal data)
 * @param writerContact the writer's phone or e-mail (personal data)
 * @param submittedAt when it was submitted
 * @param state open or replied
 * @param reply the department's reply, public once given; null while open
 * @param repliedAt when it was answered; null while open
 */
public record Letter(String id, String agency, String subject, String body, String writerName, String writerContact,
        Instant submittedAt, LetterState state, String reply, Instant repliedAt) {

    /** Checks the required parts. */
    public Letter {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
    }

    @Override
    public String toString() {
        return "Letter[" + id + ", " + state + "]";
    }
}
