package org.goldensdk.portal;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Objects;
import org.goldensdk.core.ValidationException;

/**
 * A 主题分类 (topic category) of the State Council's subject classification of official documents,
 * e.g. {@code 农业、林业、水利}; only the {@link #STANDARD} categories are accepted.
 *
 * @param value the category as written in the classification
 */
public record TopicCategory(@JsonValue String value) {
    /** The categories of the classification. */
    public static final List<String> STANDARD = List.of("综合政务", "国民经济管理、国有资产监管", "财政、金融、审计",
            "国土资源、能源", "农业、林业、水利", "工业、交通", "商贸、海关、旅游", "市场监管、安全生产监管",
            "城乡建设、环境保护", "科技、教育", "文化、广电、新闻出版", "卫生、体育", "人口与计划生育、妇女儿童工作",
            "劳动、人事、监察", "公安、安全、司法", "民政、扶贫、救灾", "民族、宗教", "对外事务", "港澳台侨工作", "国防", "其他");

    /**
     * Checks the category is one of {@link #STANDARD}.
     *
     * @throws ValidationException naming the accepted categories otherwise
     */
    public TopicCategory {
        Objects.requireNonNull(value, "value");
        if (!STANDARD.contains(value)) {
            throw new ValidationException("topic", "metadata.topic",
                    "the topic category (主题分类) must be one of " + String.join(" | ", STANDARD));
        }
    }

    /** The category {@code value}; see {@link #TopicCategory(String)}. */
    @JsonCreator
    public static TopicCategory of(String value) {
        return new TopicCategory(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
