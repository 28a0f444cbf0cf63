package org.goldensdk.portal;

/** A portal column (栏目) an article appears in. */
public enum Column {
    /** Notices and announcements. */
    NOTICES("通知公告"),
    /** Policy documents; they carry a 文号. */
    POLICY_DOCUMENTS("政策文件"),
    /** Interpretations of policy documents. */
    POLICY_INTERPRETATIONS("政策解读"),
    /** News of the agency's work. */
    WORK_UPDATES("工作动态"),
    /** Articles about services; structured guides are {@link ServiceGuide}s. */
    SERVICE_GUIDES("办事指南");

    private final String label;

    Column(String label) {
        this.label = label;
    }

    /** The Chinese name the portal shows. */
    public String label() {
        return label;
    }
}
