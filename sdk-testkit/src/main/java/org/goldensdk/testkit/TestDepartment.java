package org.goldensdk.testkit;

import org.goldensdk.core.CreditCode;
import org.goldensdk.core.DepartmentCredentials;
import org.goldensdk.core.DivisionCode;
import org.goldensdk.core.PartyId;

/**
 * The Wuhan departments of the design's examples, each with its unified social credit code (valid
 * GB 32100 check characters) and the code of one business system. {@link #partyId()} is
 * {@code CN/420100/<creditCode>/<system>}.
 */
public enum TestDepartment {
    /** 国家税务总局武汉市税务局 — the invoice system. */
    TAX("11420100MB00000196", "invoice", "国家税务总局武汉市税务局"),
    /** 武汉海关 — the declaration system. */
    CUSTOMS("11420100MB00000271", "declaration", "武汉海关"),
    /** 武汉市人力资源和社会保障局 — the social insurance system. */
    SOCIAL_SECURITY("11420100MB0000035U", "insurance", "武汉市人力资源和社会保障局"),
    /** 武汉市农业农村局 — the farm subsidy system. */
    AGRICULTURE("11420100MB0000043N", "subsidy", "武汉市农业农村局"),
    /** 武汉市审计局 — the audit system. */
    AUDIT("11420100MB0000051H", "audit", "武汉市审计局"),
    /** 武汉市市场监督管理局 — the company registration system. */
    MARKET_REGULATION("11420100MB000006X9", "registration", "武汉市市场监督管理局"),
    /** 武汉市消防救援支队 — the fire inspection system. */
    FIRE("11420100MB00000789", "inspection", "武汉市消防救援支队"),
    /** 武汉市政务服务中心 — the administrative approval system. */
    SERVICE_CENTRE("11420100MB00000864", "approval", "武汉市政务服务中心"),
    /**
     * 武汉市政务数据交换平台 — the exchange platform itself (the hub), which signs ACCEPTED receipts.
     * Its credit code is an invented one with a valid GB 32100 check character.
     */
    EXCHANGE_PLATFORM("11420100MB0000090J", "hub", "武汉市政务数据交换平台");

    /** GB/T 2260 code of Wuhan. */
    public static final DivisionCode DIVISION = DivisionCode.parse("420100");

    private final CreditCode creditCode;
    private final String systemCode;
    private final String organisation;

    TestDepartment(String creditCode, String systemCode, String organisation) {
        this.creditCode = CreditCode.parse(creditCode);
        this.systemCode = systemCode;
        this.organisation = organisation;
    }

    /** The department's unified social credit code. */
    public CreditCode creditCode() {
        return creditCode;
    }

    /** The business system's code, e.g. {@code invoice}. */
    public String systemCode() {
        return systemCode;
    }

    /** The department's name, as written into its certificates' O and CN. */
    public String organisation() {
        return organisation;
    }

    /** The party id {@code CN/420100/<creditCode>/<system>}. */
    public PartyId partyId() {
        return PartyId.of(DIVISION, creditCode, systemCode);
    }

    /** The department's ready-made credentials from the shared development CA (see {@link TestCredentials}). */
    public DepartmentCredentials credentials() {
        return TestCredentials.of(this);
    }
}
