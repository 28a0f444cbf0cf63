package org.goldensdk.sandbox.internal.identity;

import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.goldensdk.sandbox.TestUser;

/**
 * The provider's server-rendered HTML: the login form (a POST of user name and password, with the
 * pending request's id in a hidden field) and plain message pages. UTF-8, every value escaped, no
 * scripts, not framable, not cached.
 */
final class Pages {
    private static final String TITLE = "统一身份认证平台（沙箱）";

    private Pages() {
    }

    /**
     * The login form posting to {@code action}, with {@code hidden} fields, telling who asks
     * ({@code application}) and, after a failed attempt, {@code error}.
     */
    static Response login(String action, Map<String, String> hidden, String application, String error) {
        StringBuilder html = start("登录 — " + TITLE);
        html.append("<h1>").append(escape(TITLE)).append("</h1>\n");
        html.append("<p>").append(escape(application)).append(" 请求验证您的身份。</p>\n");
        if (error != null) {
            html.append("<p class=\"error\" role=\"alert\">").append(escape(error)).append("</p>\n");
        }
        html.append("<form method=\"post\" action=\"").append(escape(action)).append("\" accept-charset=\"UTF-8\">\n");
        hidden.forEach((name, value) -> html.append("<input type=\"hidden\" name=\"").append(escape(name))
                .append("\" value=\"").append(escape(value)).append("\">\n"));
        html.append("<label>用户名 <input name=\"username\" autocomplete=\"username\" required></label>\n");
        html.append("<label>密码 <input name=\"password\" type=\"password\" autocomplete=\"current-password\" required></label>\n");
        html.append("<button type=\"submit\">登录</button>\n</form>\n");
        html.append("<table>\n<caption>沙箱测试用户（密码见 docs/sandbox.md）</caption>\n");
        html.append("<tr><th>用户名</th><th>姓名 / 名称</th><th>类型</th></tr>\n");
        for (TestUser user : TestUser.values()) {
            html.append("<tr><td>").append(escape(user.username())).append("</td><td>").append(escape(user.displayName()))
                    .append("</td><td>").append(escape(user.govKind())).append("</td></tr>\n");
        }
        html.append("</table>\n");
        return finish(200, html);
    }

    /** A page with a heading and one message. */
    static Response message(int status, String heading, String message) {
        StringBuilder html = start(heading + " — " + TITLE);
        html.append("<h1>").append(escape(heading)).append("</h1>\n<p>").append(escape(message)).append("</p>\n");
        return finish(status, html);
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    private static StringBuilder start(String title) {
        return new StringBuilder("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head><meta charset=\"UTF-8\"><title>")
                .append(escape(title)).append("</title></head>\n<body>\n");
    }

    private static Response finish(int status, StringBuilder html) {
        html.append("</body>\n</html>\n");
        return Response.status(status)
                .type("text/html; charset=UTF-8")
                .entity(html.toString())
                .header("Cache-Control", "no-store")
                .header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
                .build();
    }
}
