package org.goldensdk.sandbox.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.goldensdk.sandbox.portal.PortalFixture.client;
import static org.goldensdk.sandbox.portal.PortalFixture.notice;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.goldensdk.portal.Article;
import org.goldensdk.portal.Compliance;
import org.goldensdk.portal.PortalClient;
import org.goldensdk.sandbox.Sandbox;
import org.goldensdk.sandbox.SandboxExtension;
import org.goldensdk.testkit.TestDepartment;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A person's browser on the sandbox portal's public pages: real headless Chromium (Debian's
 * {@code chromium} and {@code chromium-driver}) with the Noto CJK fonts, driven by Selenium.
 * Missing browser or fonts fail the test under {@code CI=true} ({@code .ci/run} installs them).
 */
@ExtendWith(SandboxExtension.class)
class PortalBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "portal-screenshots");

    @Test
    void aPersonReadsAPublishedArticleAndSeesTheReplyToTheirLetter(Sandbox sandbox, @TempDir Path profile) throws Exception {
        requireBrowser();
        assertThat(chineseFonts()).as("fc-list :lang=zh (install fonts-noto-cjk, or Chinese renders as boxes)").isNotBlank();
        Files.createDirectories(SCREENSHOTS);

        try (PortalClient agriculture = client(sandbox, TestDepartment.AGRICULTURE, Compliance.reject())) {
            Article draft = agriculture.articles().create(notice("关于做好2026年春耕备耕工作的通知"));
            Article published = agriculture.articles().publish(draft.id(), draft.version());

            WebDriver browser = start(profile);
            try {
                assertTimeoutPreemptively(Duration.ofSeconds(90), () -> {
                    browser.get(sandbox.portalPagesUri().toString());
                    assertThat(browser.getTitle()).contains("首页");
                    assertThat((Boolean) ((JavascriptExecutor) browser).executeScript(
                            "return document.fonts.check('16px \"Noto Sans CJK SC\"', '春耕')")).isTrue();
                    screenshot(browser, "home.png");

                    browser.findElement(By.linkText(published.title())).click();
                    assertThat(arrived(browser, "title").getText()).isEqualTo(published.title());
                    assertThat(browser.findElement(By.id("index-number")).getText()).isEqualTo(published.indexNumber().value());
                    assertThat(browser.findElement(By.id("issuing-agency")).getText()).isEqualTo("武汉市农业农村局");
                    assertThat(browser.findElement(By.id("document-number")).getText())
                            .isEqualTo(published.content().documentNumber().value());
                    screenshot(browser, "article.png");

                    browser.get(sandbox.portalPagesUri().resolve("mailbox").toString());
                    new Select(browser.findElement(By.id("agency"))).selectByValue(TestDepartment.AGRICULTURE.creditCode().value());
                    browser.findElement(By.id("subject")).sendKeys("咨询农机购置补贴发放时间");
                    browser.findElement(By.id("body")).sendKeys("您好，我去年申请的农机购置补贴何时发放？我的电话是13812345678。");
                    browser.findElement(By.id("name")).sendKeys("李四");
                    browser.findElement(By.id("contact")).sendKeys("13912345678");
                    browser.findElement(By.id("submit-letter")).click();
                    assertThat(arrived(browser, "letter-state").getText()).isEqualTo("待回复");
                    assertThat(browser.findElement(By.id("letter-body")).getText()).contains("138****5678")
                            .doesNotContain("13812345678");
                    assertThat(browser.getPageSource()).doesNotContain("李四").doesNotContain("13912345678");
                    String url = browser.getCurrentUrl();
                    String letterId = url.substring(url.lastIndexOf('/') + 1);
                    screenshot(browser, "letter.png");

                    agriculture.mailbox().reply(letterId, "您好，2025年度农机购置补贴将于本月底前发放到位。");
                    browser.navigate().refresh();
                    assertThat(browser.findElement(By.id("letter-state")).getText()).isEqualTo("已回复");
                    assertThat(browser.findElement(By.id("reply")).getText())
                            .contains("2025年度农机购置补贴将于本月底前发放到位").contains("武汉市农业农村局");
                    screenshot(browser, "reply.png");
                });
            } finally {
                browser.quit();
            }
        }
    }

    /**
     * The element with {@code id} once the page a click navigated to has it: a click that submits a
     * form (POST, then a redirect) can return before the new page is loaded.
     */
    private static WebElement arrived(WebDriver browser, String id) {
        return new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
    }

    private static WebDriver start(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,1000",
                "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static void requireBrowser() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        String missing = "Chromium or chromedriver is missing: apt-get install -y chromium chromium-driver fonts-noto-cjk";
        if ("true".equals(System.getenv("CI"))) {
            assertThat(present).as(missing).isTrue();
        }
        Assumptions.assumeTrue(present, missing);
    }

    private static String chineseFonts() throws IOException, InterruptedException {
        Process fcList = new ProcessBuilder("fc-list", ":lang=zh").redirectErrorStream(true).start();
        String fonts = new String(fcList.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(fcList.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return fonts;
    }

    private static void screenshot(WebDriver browser, String name) throws IOException {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}
