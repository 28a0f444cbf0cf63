package org.goldensdk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hostile SOAP 1.1 requests for the platform's SOAP services (hub and portal): external entities
 * reading a file or connecting out, parameter entities, entity expansion (billion laughs, quadratic
 * blow-up), deep nesting, a flood of attributes and XInclude, each aimed at one text element of one
 * operation; and the error code a fault carries.
 */
public final class HostileSoap {
    /** The attacks {@link #request} builds. */
    public static final List<String> ATTACKS = List.of("file", "ssrf", "parameter-entity", "billion-laughs", "quadratic",
            "deep", "attributes", "xinclude");

    private HostileSoap() {
    }

    /**
     * The envelope of {@code attack} against operation {@code operation} (namespace {@code namespace})
     * whose child element {@code child} receives the hostile text; {@code file} is a file URI the
     * server must not read, {@code url} an address it must not connect to.
     */
    public static String request(String attack, String namespace, String operation, String child, String file, String url) {
        String body = operation(namespace, operation, "", "<x:" + child + ">&e;</x:" + child + ">");
        return switch (attack) {
            case "file" -> envelope(body, "<!DOCTYPE s:Envelope [<!ENTITY e SYSTEM \"" + file + "\">]>");
            case "ssrf" -> envelope(body, "<!DOCTYPE s:Envelope SYSTEM \"" + url + "\">");
            case "parameter-entity" -> envelope(body, "<!DOCTYPE s:Envelope [<!ENTITY % p SYSTEM \"" + url + "\"> %p;]>");
            case "billion-laughs" -> envelope(body, "<!DOCTYPE s:Envelope [<!ENTITY a \"lol\">"
                    + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
                    + "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\"><!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">]>");
            case "quadratic" -> envelope(body.replace("&e;", "&e;".repeat(20_000)),
                    "<!DOCTYPE s:Envelope [<!ENTITY e \"" + "x".repeat(50_000) + "\">]>");
            case "deep" -> envelope("<s:Body>" + "<a>".repeat(10_000) + "</a>".repeat(10_000) + "</s:Body>", "");
            case "attributes" -> {
                StringBuilder attributes = new StringBuilder();
                for (int i = 0; i < 100_000; i++) {
                    attributes.append(" a").append(i).append("=\"1\"");
                }
                yield envelope(operation(namespace, operation, attributes.toString(), ""), "");
            }
            case "xinclude" -> envelope(operation(namespace, operation, "", "<x:" + child + ">"
                    + "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"" + file + "\" parse=\"text\"/>"
                    + "</x:" + child + ">"), "");
            default -> throw new IllegalArgumentException(attack);
        };
    }

    /** A SOAP 1.1 envelope around {@code body} (a whole {@code s:Body}), after {@code doctype}. */
    public static String envelope(String body, String doctype) {
        return "<?xml version=\"1.0\"?>" + doctype + "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\">" + body
                + "</s:Envelope>";
    }

    /** The SDK error code in a fault's detail ({@code <err:Code>E_…</err:Code>}), or the whole text when there is none. */
    public static String code(String fault) {
        Matcher code = Pattern.compile("<[a-zA-Z0-9]+:Code[^>]*>(E_[A-Z_]+)<").matcher(fault);
        return code.find() ? code.group(1) : fault;
    }

    /**
     * Sends {@code attack} against {@code operation}'s {@code child} with {@code post} and checks the
     * service's answer: a SOAP fault (HTTP 500) with the SDK's code, within 10 seconds, without the
     * content of a local file it was pointed at (written under {@code folder}) and without connecting
     * to the address it was given.
     */
    public static void assertRefusedSafely(String attack, Path folder, String namespace, String operation, String child,
            Post post) throws Exception {
        try (ServerSocket trap = new ServerSocket(0)) {
            trap.setSoTimeout(1);
            Path secret = Files.writeString(folder.resolve("secret-" + attack + ".txt"), "TOP-SECRET-CONTENT");
            String body = request(attack, namespace, operation, child, secret.toUri().toString(),
                    "http://127.0.0.1:" + trap.getLocalPort() + "/x");
            HttpResponse<String> answer = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> post.send(body));
            assertThat(answer.statusCode()).isEqualTo(500);
            assertThat(answer.body()).contains("urn:goldensdk:error:1").doesNotContain("TOP-SECRET-CONTENT");
            assertThat(code(answer.body())).isIn("E_MALFORMED_INPUT", "E_AUTHENTICATION", "E_PAYLOAD_TOO_LARGE");
            assertThat(connectedTo(trap)).as("the service connected out").isFalse();
        }
    }

    /** Posts a SOAP request body to the service under test. */
    @FunctionalInterface
    public interface Post {
        /** The service's answer to {@code body}. */
        HttpResponse<String> send(String body) throws Exception;
    }

    private static boolean connectedTo(ServerSocket trap) throws IOException {
        try {
            trap.accept().close();
            return true;
        } catch (SocketTimeoutException expected) {
            return false;
        }
    }

    private static String operation(String namespace, String operation, String attributes, String content) {
        return "<s:Body><x:" + operation + " xmlns:x=\"" + namespace + "\"" + attributes
                + (content.isEmpty() ? "/>" : ">" + content + "</x:" + operation + ">") + "</s:Body>";
    }
}
