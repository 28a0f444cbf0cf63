package org.goldensdk.sandbox.internal.portal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.goldensdk.core.Finding;
import org.goldensdk.core.Redactor;
import org.goldensdk.portal.Agency;
import org.goldensdk.portal.Article;
import org.goldensdk.portal.ArticleDraft;
import org.goldensdk.portal.ArticleState;
import org.goldensdk.portal.AttachmentInfo;
import org.goldensdk.portal.Column;
import org.goldensdk.portal.Letter;
import org.goldensdk.portal.LetterState;
import org.goldensdk.portal.ServiceGuide;
import org.goldensdk.portal.ServiceGuideDraft;

/**
 * The public pages of the sandbox portal, rendered on the server: every value is escaped except
 * an article's body, which the compliance gate sanitised on receipt. Letters' subjects and bodies
 * are shown with personal data masked; writers' names and contacts are never shown.
 */
public final class PortalHtml {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final DateTimeFormatter DATE_CN = DateTimeFormatter.ofPattern("yyyy年M月d日");
    private static final String SITE = "武汉市人民政府门户网站";
    /** Where the pages are served: every link is absolute from here. */
    public static final String ROOT = "/portal/";

    private final Redactor redactor;

    /** Pages masking letters' personal data with {@code redactor}. */
    public PortalHtml(Redactor redactor) {
        this.redactor = redactor;
    }

    /** The home page: the latest items of each column, guides and answered letters. */
    public String home(List<Column> columns, Map<Column, List<Article>> latest, List<ServiceGuide> guides,
            List<Letter> letters) {
        StringBuilder body = new StringBuilder("<div class=\"columns\">");
        for (Column column : columns) {
            if (column == Column.SERVICE_GUIDES) {
                continue;
            }
            body.append("<section class=\"column\" id=\"column-").append(column.name()).append("\"><h2><a href=\"" + ROOT + "columns/")
                    .append(column.name()).append("\">").append(escape(column.label())).append("</a></h2>")
                    .append(articleItems(latest.get(column))).append("</section>");
        }
        body.append("<section id=\"guides\"><h2><a href=\"" + ROOT + "guides\">办事指南</a></h2>").append(guideItems(guides))
                .append(articleItems(latest.get(Column.SERVICE_GUIDES), false))
                .append("</section><section id=\"letters\"><h2><a href=\"" + ROOT + "mailbox\">政民互动</a></h2>")
                .append(letterItems(letters)).append("</section></div>");
        return page("首页", body.toString());
    }

    /** A list of articles under a heading, with paging links. */
    public String articleList(String heading, List<Article> articles, String previous, String next) {
        StringBuilder body = new StringBuilder("<h1>").append(escape(heading)).append("</h1>").append(articleItems(articles));
        body.append("<p class=\"paging\">");
        if (previous != null) {
            body.append("<a href=\"").append(escape(previous)).append("\">上一页</a> ");
        }
        if (next != null) {
            body.append("<a href=\"").append(escape(next)).append("\">下一页</a>");
        }
        return page(heading, body.append("</p>").toString());
    }

    /** An article with its disclosure metadata block; a withdrawn one shows the withdrawal notice instead of the content. */
    public String article(Article article) {
        ArticleDraft content = article.content();
        StringBuilder body = new StringBuilder("<table class=\"disclosure\" id=\"disclosure\">")
                .append(row("索引号", "index-number", article.indexNumber() == null ? "" : article.indexNumber().value(),
                        "主题分类", "topic", content.topic() == null ? "" : content.topic().value()))
                .append(row("发布机构", "issuing-agency", content.issuingAgency(), "成文日期", "written-on", date(content.writtenOn())))
                .append(row("文号", "document-number", content.documentNumber() == null ? "" : content.documentNumber().value(),
                        "发布日期", "published-on", date(article.publishedOn())))
                .append(row("体裁", "genre", content.genre() == null ? "" : content.genre().label(), "公开属性", "disclosure",
                        content.disclosure() == null ? "" : content.disclosure().label()))
                .append(row("有效性", "validity", content.validity() == null ? "" : content.validity().label(), "栏目", "column",
                        content.column().label()))
                .append("</table><h1 id=\"title\">").append(escape(content.title())).append("</h1>");
        if (article.state() == ArticleState.WITHDRAWN) {
            body.append("<div class=\"withdrawn\" id=\"withdrawal-notice\"><p><strong>该信息已撤回。</strong></p><p>撤回原因：")
                    .append(escape(article.withdrawalReason())).append("</p></div>");
        } else {
            body.append("<div class=\"content\" id=\"content\">").append(content.html()).append("</div>");
            if (!article.attachments().isEmpty()) {
                body.append("<h2>附件</h2><ul class=\"attachments\" id=\"attachments\">");
                for (AttachmentInfo attachment : article.attachments()) {
                    body.append("<li><a href=\"" + ROOT + "attachments/").append(escape(attachment.id())).append("\">")
                            .append(escape(attachment.fileName())).append("</a> (").append(attachment.type().name()).append(", ")
                            .append(Math.max(1, attachment.size() / 1024)).append(" KB)</li>");
                }
                body.append("</ul>");
            }
        }
        return page(content.title(), body.toString());
    }

    /** All guides, then the articles of the 办事指南 column. */
    public String guideList(List<ServiceGuide> guides, List<Article> articles) {
        return page("办事指南", "<h1>办事指南</h1>" + guideItems(guides) + articleItems(articles, false));
    }

    /** One service guide with all its fields. */
    public String guide(ServiceGuide guide) {
        ServiceGuideDraft content = guide.content();
        StringBuilder body = new StringBuilder("<h1 id=\"title\">").append(escape(content.title())).append("</h1>")
                .append("<p>实施机构：").append(escape(guide.agency().fullName())).append("　更新日期：")
                .append(date(guide.publishedOn())).append("</p><dl class=\"guide\">")
                .append(field("受理条件", content.conditions()))
                .append("<dt>申请材料</dt><dd><ol>");
        content.materials().forEach(material -> body.append("<li>").append(escape(material)).append("</li>"));
        body.append("</ol></dd><dt>办理流程</dt><dd><ol>");
        content.steps().forEach(step -> body.append("<li>").append(escape(step)).append("</li>"));
        body.append("</ol></dd>").append(field("办理时限", content.timeLimit())).append(field("收费标准", content.fees()))
                .append(field("设定依据", content.legalBasis())).append(field("办理地点", content.location()))
                .append(field("咨询电话", content.contact())).append("</dl>");
        return page(content.title(), body.toString());
    }

    /** The mailbox: the form and the answered letters; {@code errors} re-shows a refused form. */
    public String mailbox(List<Agency> agencies, List<Letter> replied, List<Finding> errors, Map<String, String> values) {
        StringBuilder body = new StringBuilder("<h1>政民互动 · 写信</h1>");
        if (!errors.isEmpty()) {
            body.append("<ul class=\"errors\" id=\"errors\">");
            errors.forEach(error -> body.append("<li>").append(escape(error.message())).append("</li>"));
            body.append("</ul>");
        }
        body.append("<form class=\"letter\" method=\"post\" action=\"" + ROOT + "mailbox\" accept-charset=\"UTF-8\">")
                .append("<label for=\"agency\">受理部门</label><select id=\"agency\" name=\"agency\">");
        for (Agency agency : agencies) {
            String code = agency.creditCode().value();
            body.append("<option value=\"").append(code).append('"').append(code.equals(values.get("agency")) ? " selected" : "")
                    .append('>').append(escape(agency.fullName())).append("</option>");
        }
        body.append("</select>")
                .append(input("subject", "标题", values))
                .append("<label for=\"body\">内容</label><textarea id=\"body\" name=\"body\" rows=\"8\">")
                .append(escape(values.getOrDefault("body", ""))).append("</textarea>")
                .append(input("name", "姓名（不公开）", values))
                .append(input("contact", "联系方式（不公开）", values))
                .append("<p><button type=\"submit\" id=\"submit-letter\">提交</button></p></form>")
                .append("<h2>已答复来信</h2>").append(letterItems(replied));
        return page("政民互动", body.toString());
    }

    /** A letter's public page: subject, body with personal data masked, and the reply once given. */
    public String letter(Letter letter, String agencyName) {
        String subject = redactor.redact(letter.subject());
        StringBuilder body = new StringBuilder("<h1 id=\"title\">").append(escape(subject)).append("</h1>")
                .append("<p>受理部门：").append(escape(agencyName)).append("　来信时间：")
                .append(date(LocalDate.ofInstant(letter.submittedAt(), PortalService.PORTAL_ZONE)))
                .append("　办理状态：<span id=\"letter-state\">").append(letter.state().label()).append("</span></p>")
                .append("<div class=\"content\" id=\"letter-body\"><p>").append(paragraphs(redactor.redact(letter.body())))
                .append("</p></div>");
        if (letter.state() == LetterState.REPLIED) {
            body.append("<h2>答复</h2><div class=\"reply\" id=\"reply\"><p>").append(paragraphs(letter.reply()))
                    .append("</p><p class=\"date\">答复单位：").append(escape(agencyName)).append("　答复时间：")
                    .append(date(LocalDate.ofInstant(letter.repliedAt(), PortalService.PORTAL_ZONE))).append("</p></div>");
        } else {
            body.append("<p id=\"reply-pending\">该来信正在办理中，答复后将在此公开。</p>");
        }
        return page(subject, body.toString());
    }

    /** A page saying what was not found. */
    public String notFound(String what) {
        return page("未找到", "<h1>未找到</h1><p>" + escape(what) + "</p><p><a href=\"" + ROOT + "\">返回首页</a></p>");
    }

    /** Escapes text for HTML content and quoted attribute values. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** {@code value} encoded for a URL query. */
    public static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private String page(String title, String main) {
        StringBuilder nav = new StringBuilder("<a href=\"" + ROOT + "\">首页</a>");
        for (Column column : Column.values()) {
            if (column == Column.SERVICE_GUIDES) {
                continue; // the 办事指南 link below shows the guides and this column's articles
            }
            nav.append("<a href=\"" + ROOT + "columns/").append(column.name()).append("\">").append(escape(column.label())).append("</a>");
        }
        nav.append("<a href=\"" + ROOT + "guides\">办事指南</a><a href=\"" + ROOT + "mailbox\">政民互动</a>")
                .append("<form action=\"" + ROOT + "search\" method=\"get\"><input name=\"q\" aria-label=\"搜索\" placeholder=\"搜索标题\">")
                .append(" <button type=\"submit\">搜索</button></form>");
        return "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"UTF-8\"><meta name=\"viewport\""
                + " content=\"width=device-width, initial-scale=1\"><title>" + escape(title) + " - " + SITE + "</title>"
                + "<link rel=\"stylesheet\" href=\"" + ROOT + "style.css\"></head><body><header><div class=\"banner\">" + SITE
                + "<small>Golden SDK 沙箱 · 仅供开发测试</small></div><nav><div class=\"inner\">" + nav + "</div></nav></header>"
                + "<main>" + main + "</main><footer>主办：武汉市人民政府办公厅（沙箱演示）</footer></body></html>";
    }

    private static String articleItems(List<Article> articles) {
        return articleItems(articles, true);
    }

    private static String articleItems(List<Article> articles, boolean sayWhenEmpty) {
        if (articles == null || articles.isEmpty()) {
            return sayWhenEmpty ? "<p class=\"empty\">暂无信息</p>" : "";
        }
        StringBuilder items = new StringBuilder("<ul class=\"items\">");
        for (Article article : articles) {
            items.append("<li><a href=\"" + ROOT + "articles/").append(escape(article.id())).append("\">").append(escape(article.title()))
                    .append("</a><span class=\"date\">").append(article.publishedOn() == null ? "" : DATE.format(article.publishedOn()))
                    .append("</span></li>");
        }
        return items.append("</ul>").toString();
    }

    private static String guideItems(List<ServiceGuide> guides) {
        if (guides.isEmpty()) {
            return "<p class=\"empty\">暂无信息</p>";
        }
        StringBuilder items = new StringBuilder("<ul class=\"items\">");
        for (ServiceGuide guide : guides) {
            items.append("<li><a href=\"" + ROOT + "guides/").append(escape(guide.id())).append("\">").append(escape(guide.content().title()))
                    .append("</a><span class=\"date\">").append(escape(guide.agency().fullName())).append("</span></li>");
        }
        return items.append("</ul>").toString();
    }

    private String letterItems(List<Letter> letters) {
        if (letters.isEmpty()) {
            return "<p class=\"empty\">暂无信息</p>";
        }
        StringBuilder items = new StringBuilder("<ul class=\"items\">");
        for (Letter letter : letters) {
            items.append("<li><a href=\"" + ROOT + "mailbox/letters/").append(escape(letter.id())).append("\">")
                    .append(escape(redactor.redact(letter.subject())))
                    .append("</a><span class=\"date\">").append(letter.state().label()).append("</span></li>");
        }
        return items.append("</ul>").toString();
    }

    private static String row(String label1, String id1, String value1, String label2, String id2, String value2) {
        return "<tr><th>" + label1 + "：</th><td id=\"" + id1 + "\">" + escape(value1) + "</td><th>" + label2 + "：</th><td id=\""
                + id2 + "\">" + escape(value2) + "</td></tr>";
    }

    private static String field(String label, String value) {
        return "<dt>" + label + "</dt><dd>" + escape(value) + "</dd>";
    }

    private static String input(String name, String label, Map<String, String> values) {
        return "<label for=\"" + name + "\">" + label + "</label><input id=\"" + name + "\" name=\"" + name + "\" value=\""
                + escape(values.getOrDefault(name, "")) + "\">";
    }

    private static String paragraphs(String text) {
        return escape(text).replace("\n", "<br>");
    }

    private static String date(LocalDate date) {
        return date == null ? "" : DATE_CN.format(date);
    }
}
