package org.goldensdk.portal;

/** The genre (体裁, 文种) of an article. */
public enum Genre {
    /** A notice (通知). */
    NOTICE("通知"),
    /** A public announcement (公告). */
    ANNOUNCEMENT("公告"),
    /** Opinions (意见). */
    OPINION("意见"),
    /** Measures (办法). */
    MEASURES("办法"),
    /** A plan (方案). */
    PLAN("方案"),
    /** A reply to a request (批复). */
    REPLY("批复"),
    /** A report (报告). */
    REPORT("报告"),
    /** Any other genre. */
    OTHER("其他");

    private final String label;

    Genre(String label) {
        this.label = label;
    }

    /** The Chinese name the portal shows. */
    public String label() {
        return label;
    }
}
