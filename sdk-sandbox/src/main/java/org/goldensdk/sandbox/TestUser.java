package org.goldensdk.sandbox;

import java.util.List;
import java.util.Optional;
import org.goldensdk.core.CitizenId;
import org.goldensdk.core.CreditCode;
import org.goldensdk.testkit.TestDepartment;

/**
 * The people who can log in to the sandbox's identity provider ({@link Sandbox#issuer()}, OIDC, and
 * {@link Sandbox#casUri()}, CAS): one of each kind of government principal. Development data only —
 * the passwords are published in {@code docs/sandbox.md}. Every user logs in with a password, so
 * their tokens carry {@code acr} = {@value #ACR_PASSWORD}.
 */
public enum TestUser {
    /** 李秀英, a citizen (natural person) with citizen ID {@code 11010519491231002X}. */
    CITIZEN("citizen", "citizen-dev-pass", "citizen-0001", "natural_person", "李秀英",
            "11010519491231002X", null, null, List.of("citizen")),
    /** 武汉光谷示例科技有限公司, a company (legal person) with credit code {@code 91420100MA4K00002Y}. */
    LEGAL_PERSON("company", "company-dev-pass", "company-0001", "legal_person", "武汉光谷示例科技有限公司",
            null, "91420100MA4K00002Y", null, List.of("legal_representative")),
    /** 陈明, a civil servant of the Wuhan tax bureau (agency {@code 11420100MB00000196}, {@link TestDepartment#TAX}). */
    CIVIL_SERVANT("officer", "officer-dev-pass", "officer-0001", "civil_servant", "陈明",
            null, null, TestDepartment.TAX.creditCode().value(), List.of("tax_officer"));

    /** The {@code acr} of a password login. */
    public static final String ACR_PASSWORD = "urn:golden:acr:password";

    private final String username;
    private final String password;
    private final String subject;
    private final String kind;
    private final String displayName;
    private final CitizenId citizenId;
    private final CreditCode creditCode;
    private final CreditCode agency;
    private final List<String> roles;

    TestUser(String username, String password, String subject, String kind, String displayName, String citizenId,
            String creditCode, String agency, List<String> roles) {
        this.username = username;
        this.password = password;
        this.subject = subject;
        this.kind = kind;
        this.displayName = displayName;
        this.citizenId = citizenId == null ? null : CitizenId.parse(citizenId);
        this.creditCode = creditCode == null ? null : CreditCode.parse(creditCode);
        this.agency = agency == null ? null : CreditCode.parse(agency);
        this.roles = roles;
    }

    /** What the user types into the login form's user name field, e.g. {@code citizen}. */
    public String username() {
        return username;
    }

    /** The user's development password (published; never a real one). */
    public String password() {
        return password;
    }

    /** The stable subject identifier: {@code sub} of OIDC tokens and {@code cas:user} of CAS answers. */
    public String subject() {
        return subject;
    }

    /** The {@code gov_kind} claim: {@code natural_person}, {@code legal_person} or {@code civil_servant}. */
    public String govKind() {
        return kind;
    }

    /** The {@code name} claim: the person's or the company's Chinese name. */
    public String displayName() {
        return displayName;
    }

    /** The {@code citizen_id} claim, for a natural person. */
    public Optional<CitizenId> citizenId() {
        return Optional.ofNullable(citizenId);
    }

    /** The {@code credit_code} claim, for a legal person. */
    public Optional<CreditCode> creditCode() {
        return Optional.ofNullable(creditCode);
    }

    /** The {@code agency} claim (the agency's credit code), for a civil servant. */
    public Optional<CreditCode> agency() {
        return Optional.ofNullable(agency);
    }

    /** The {@code roles} claim. */
    public List<String> roles() {
        return roles;
    }

    /** The user with this login name, if any. */
    public static Optional<TestUser> byUsername(String username) {
        for (TestUser user : values()) {
            if (user.username.equals(username)) {
                return Optional.of(user);
            }
        }
        return Optional.empty();
    }
}
