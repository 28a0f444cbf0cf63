package org.goldensdk.sandbox.crash;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.goldensdk.exchange.Message;
import org.goldensdk.exchange.MessageId;
import org.goldensdk.sandbox.AccessRight;
import org.goldensdk.testkit.TestDepartment;

/**
 * The crash test's messages, tax to customs: message {@code index} always has the same id and the
 * same content, so a restarted sender sending it again is an idempotent resend, never a new message.
 */
final class CrashMessages {
    static final TestDepartment SENDER = TestDepartment.TAX;
    static final TestDepartment RECEIVER = TestDepartment.CUSTOMS;

    private CrashMessages() {
    }

    /** The id of message {@code index}: a name-based UUID, the same in every process. */
    static MessageId id(int index) {
        return MessageId.parse(UUID.nameUUIDFromBytes(("golden-crash-test/" + index).getBytes(StandardCharsets.UTF_8))
                .toString());
    }

    static Message message(int index) {
        return Message.to(RECEIVER.partyId()).service(AccessRight.TAX_COMPANY_STATUS).messageId(id(index))
                .bytes("application/json", ("{\"index\":" + index + "}").getBytes(StandardCharsets.UTF_8)).build();
    }
}
