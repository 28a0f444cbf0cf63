package org.goldensdk.portal;

import java.util.ArrayList;
import java.util.List;

/**
 * A 办事指南 (service guide) as the agency writes it: how a person or company obtains one service.
 * Plain text throughout (the portal escapes it); {@link ComplianceGate#reviewGuide} requires every
 * field and scans them for personal data.
 *
 * @param title the service's name, e.g. 农机购置补贴申请
 * @param conditions who may apply (受理条件)
 * @param materials what to bring (申请材料), one item each
 * @param steps the procedure (办理流程), in order
 * @param timeLimit how long it takes (办理时限), e.g. 20个工作日
 * @param fees what it costs (收费标准), e.g. 不收费
 * @param legalBasis the law it rests on (设定依据)
 * @param location where to apply (办理地点)
 * @param contact how to ask (咨询电话) — an office line, not a person's mobile
 */
public record ServiceGuideDraft(String title, String conditions, List<String> materials, List<String> steps,
        String timeLimit, String fees, String legalBasis, String location, String contact) {

    /** Copies the lists. */
    public ServiceGuideDraft {
        materials = materials == null ? List.of() : List.copyOf(materials);
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link ServiceGuideDraft}. Not thread-safe. */
    public static final class Builder {
        private String title;
        private String conditions;
        private final List<String> materials = new ArrayList<>();
        private final List<String> steps = new ArrayList<>();
        private String timeLimit;
        private String fees;
        private String legalBasis;
        private String location;
        private String contact;

        private Builder() {
        }

        /** The service's name. */
        public Builder title(String title) {
            this.title = title;
            return this;
        }

        /** Who may apply. */
        public Builder conditions(String conditions) {
            this.conditions = conditions;
            return this;
        }

        /** Adds an item to bring. */
        public Builder material(String material) {
            materials.add(material);
            return this;
        }

        /** Adds the next step. */
        public Builder step(String step) {
            steps.add(step);
            return this;
        }

        /** How long it takes. */
        public Builder timeLimit(String timeLimit) {
            this.timeLimit = timeLimit;
            return this;
        }

        /** What it costs. */
        public Builder fees(String fees) {
            this.fees = fees;
            return this;
        }

        /** The legal basis. */
        public Builder legalBasis(String legalBasis) {
            this.legalBasis = legalBasis;
            return this;
        }

        /** Where to apply. */
        public Builder location(String location) {
            this.location = location;
            return this;
        }

        /** How to ask. */
        public Builder contact(String contact) {
            this.contact = contact;
            return this;
        }

        /** The draft. */
        public ServiceGuideDraft build() {
            return new ServiceGuideDraft(title, conditions, materials, steps, timeLimit, fees, legalBasis, location,
                    contact);
        }
    }
}
