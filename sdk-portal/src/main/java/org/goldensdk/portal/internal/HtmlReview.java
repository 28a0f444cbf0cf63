package org.goldensdk.portal.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.owasp.html.HtmlChangeListener;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

/**
 * Sanitises article HTML with the OWASP Java HTML Sanitizer and reports what it removed: the
 * policy allows text formatting, blocks, tables, images and links with http, https and mailto
 * URLs; scripts, styles, event handlers, forms, frames and {@code javascript:} URLs are removed.
 */
public final class HtmlReview {
    private static final PolicyFactory POLICY = Sanitizers.FORMATTING.and(Sanitizers.BLOCKS).and(Sanitizers.LINKS)
            .and(Sanitizers.TABLES).and(Sanitizers.IMAGES)
            .and(new HtmlPolicyBuilder().allowElements("span", "hr", "pre", "section", "figure", "figcaption").allowWithoutAttributes("span")
                    .toFactory());

    private static final Pattern REFERENCE = Pattern.compile("&#(?:[xX]([0-9a-fA-F]{1,6})|([0-9]{1,7}));");

    /** The sanitised HTML and one line per removed element or attribute. */
    public record Result(String html, List<String> removed) {
    }

    private HtmlReview() {
    }

    /** Sanitises {@code html}. */
    public static Result sanitise(String html) {
        List<String> removed = new ArrayList<>();
        String clean = POLICY.sanitize(html, new HtmlChangeListener<List<String>>() {
            @Override
            public void discardedTag(List<String> context, String elementName) {
                String element = elementName.toLowerCase(Locale.ROOT);
                context.add("the <" + element + "> element is not allowed" + (element.equals("a")
                        ? " without a safe link (its URL is not http, https or mailto — e.g. javascript:)" : ""));
            }

            @Override
            public void discardedAttributes(List<String> context, String tagName, String... attributeNames) {
                for (String attribute : attributeNames) {
                    context.add("the " + attribute.toLowerCase(Locale.ROOT) + " attribute of <"
                            + tagName.toLowerCase(Locale.ROOT) + "> is not allowed (an event handler, a style, or a URL"
                            + " that is not http, https or mailto — e.g. javascript:)");
                }
            }
        }, removed);
        return new Result(decodeCharacterReferences(clean), List.copyOf(removed));
    }

    /**
     * The sanitiser writes every non-ASCII character as a numeric reference ({@code &#xff11;});
     * they are turned back into characters — all but the five that are markup — so the personal
     * data scan sees full-width digits as a reader does, and the page stays UTF-8 text.
     */
    static String decodeCharacterReferences(String html) {
        Matcher matcher = REFERENCE.matcher(html);
        StringBuilder out = new StringBuilder(html.length());
        while (matcher.find()) {
            int codePoint;
            try {
                codePoint = matcher.group(1) != null ? Integer.parseInt(matcher.group(1), 16) : Integer.parseInt(matcher.group(2));
            } catch (NumberFormatException e) {
                codePoint = -1;
            }
            boolean keep = codePoint < 0x20 || codePoint > Character.MAX_CODE_POINT || "<>&\"'".indexOf(codePoint) >= 0
                    || (codePoint >= 0xD800 && codePoint <= 0xDFFF);
            matcher.appendReplacement(out, Matcher.quoteReplacement(keep ? matcher.group() : Character.toString(codePoint)));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
