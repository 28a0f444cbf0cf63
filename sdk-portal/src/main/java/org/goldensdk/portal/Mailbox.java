package org.goldensdk.portal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.goldensdk.portal.internal.PortalHttp;

/**
 * The citizens' letters assigned to the agency (政民互动信箱): fetch them and reply. Letters carry
 * the writers' personal data, so only the agency they are assigned to may fetch them; the reply
 * becomes public on the portal, after the compliance gate. Thread-safe; get it from
 * {@link PortalClient#mailbox()}.
 */
public final class Mailbox {
    private final PortalHttp http;
    private final ComplianceGate gate;

    Mailbox(PortalHttp http, ComplianceGate gate) {
        this.http = http;
        this.gate = gate;
    }

    /** The agency's letters in {@code state} (null: all), oldest first. */
    public List<Letter> letters(LetterState state) {
        Map<String, Object> query = new HashMap<>();
        query.put("state", state);
        return http.get(PortalHttp.withQuery("mailbox/letters", query), PortalHttp.LetterList.class).items();
    }

    /**
     * Letter {@code id}.
     *
     * @throws org.goldensdk.core.AccessDeniedException if it is assigned to another agency
     * @throws org.goldensdk.core.NotFoundException if there is none
     */
    public Letter get(String id) {
        return http.get("mailbox/letters/" + PortalHttp.segment(id), Letter.class);
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
        return http.send("POST", "mailbox/letters/" + PortalHttp.segment(id) + "/reply", new PortalHttp.Reply(reviewed),
                Letter.class, false);
    }
}
