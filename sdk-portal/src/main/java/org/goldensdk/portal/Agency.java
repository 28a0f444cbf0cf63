package org.goldensdk.portal;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.util.Objects;
import org.goldensdk.core.CreditCode;
import org.goldensdk.core.ValidationException;

/**
 * A publishing agency: its full name (发布机构, e.g. 武汉市农业农村局) and its unified social credit
 * code, which its TLS certificate carries and which the portal identifies it by.
 *
 * @param fullName the agency's full name as the portal shows it; never abbreviated
 * @param creditCode the agency's unified social credit code
 */
public record Agency(String fullName, @JsonSerialize(using = ToStringSerializer.class) CreditCode creditCode) {

    /**
     * Checks both parts.
     *
     * @throws ValidationException if the name is blank or longer than 100 characters
     */
    public Agency {
        Objects.requireNonNull(creditCode, "creditCode");
        if (fullName == null || fullName.isBlank() || fullName.length() > 100) {
            throw new ValidationException("agency.fullName", "metadata.agency",
                    "the agency's full name (e.g. 武汉市农业农村局) is required, at most 100 characters");
        }
    }

    /**
     * The agency {@code fullName} with credit code {@code creditCode}.
     *
     * @throws ValidationException if the name is blank or the credit code is not valid (GB 32100)
     */
    @JsonCreator
    public static Agency of(@JsonProperty("fullName") String fullName, @JsonProperty("creditCode") String creditCode) {
        return new Agency(fullName, CreditCode.parse(Objects.requireNonNull(creditCode, "creditCode")));
    }

    /** The nine characters of the GB 11714 organisation code in the credit code: the prefix of this agency's index numbers. */
    public String organizationCode() {
        return creditCode.organizationCodePart();
    }
}
