package org.goldensdk.portal;

import java.util.List;
import org.goldensdk.portal.internal.PortalApi;

/**
 * The citizens' letters assigned to the agency (政民互动信箱): fetch them and reply. Letters carry
 * the writers' personal data, so only the agency they are assigned to may fetch them; the reply
 * becomes public on the portal, after the compliance gate. Thread-safe; get it from
 * {@link PortalClient#mailbox()}.
 */
public final class Mailbox {
    private final PortalApi api;
    private final ComplianceGate gate;

    Mailbox(PortalApi api, ComplianceGate gate) {
        this.api = api;
        this.gate = gate;
    }

    /** The agency's letters in {@code state} (null: all), oldest first. */
    public List<Letter> letters(LetterState state) {
        return api.letters(state);
    }

    /**
     * Letter {@code id}.
     *
     * @throws org.goldensdk.core.AccessDeniedException if it is assigned to another agency
     * @throws org.goldensdk.core.NotFoundException if there is none
     */
    public Letter get(String id) {
        return api.letter(id);
    }

    /**
     * Replies to letter {@code id}; the reply appears on the portal under the letter. Replying
     * again with the same text is a success; with another text it is a conflict.
     *
     * @throws org.goldensdk.core.ComplianceException if the reply fails the gate (nothing is sent)
     * @throws org.goldensdk.core.AccessDeniedException if the letter is assigned to another agency
     * @throws org.goldensdk.core.ConflictException if it was already answered differently
     */
    public Letter reply(String id, String reply) {
        String reviewed = gate.reviewText("reply", reply);
        return api.reply(id, reviewed);
    }
}
