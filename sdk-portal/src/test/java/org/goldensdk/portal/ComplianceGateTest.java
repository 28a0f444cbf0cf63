package org.goldensdk.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.goldensdk.core.ComplianceException;
import org.goldensdk.core.Finding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ComplianceGateTest {
    static final String ID = "11010519491231002X";
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T02:00:00Z"), ZoneId.of("Asia/Shanghai"));
    private final ComplianceGate reject = Compliance.reject().gate(CLOCK);
    private final ComplianceGate mask = Compliance.mask().gate(CLOCK);

    static ArticleDraft draft(String html) {
        return ArticleDraft.builder()
                .column(Column.NOTICES)
                .title("关于做好2026年春耕备耕工作的通知")
                .documentNumber("武农发〔2026〕3号")
                .writtenOn(LocalDate.of(2026, 2, 20))
                .issuingAgency("武汉市农业农村局")
                .topic("农业、林业、水利")
                .html(html)
                .build();
    }

    private List<Finding> rejected(ArticleDraft draft) {
        return catchThrowableOfType(ComplianceException.class, () -> reject.reviewArticle(draft)).findings();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<p>申请人身份证号 11010519491231002X。</p>",
        "<p>申请人身份证号 １１０１０５１９４９１２３１００２Ｘ。</p>",
        "<p>申请人身份证号 110105 19491231 002X。</p>",
        "<p>申请人身份证号 110105-1949-1231-002X。</p>",
        "<p>申请人身份证号 11010519491231002x。</p>",
        "<p>申请人身份证号 1101<b>05</b>1949<span>1231</span>002X。</p>"})
    void findsAValidCitizenIdHoweverItIsWritten(String html) {
        assertThat(rejected(draft(html))).singleElement().satisfies(finding -> {
            assertThat(finding.field()).isEqualTo("html");
            assertThat(finding.rule()).isEqualTo("personalData.CITIZEN_ID");
            assertThat(finding.message()).contains("****").doesNotContain("19491231").doesNotContain("1949-1231");
        });
    }

    @Test
    void leavesAnIdWithAWrongCheckDigitAlone() {
        ArticleDraft draft = draft("<p>编号 110105194912310021 不是身份证号。</p>");
        assertThat(reject.reviewArticle(draft).html()).contains("110105194912310021");
    }

    @Test
    void findsAMobileNumberAndABankCardWithItsIssuerPrefixButNotARandomLuhnNumber() {
        String card = Attachments.luhn("622202", 19, 7);
        String random = Attachments.luhn("7", 16, 7);
        List<Finding> findings = rejected(draft("<p>联系电话 13812345678，补贴发放至 " + card + "。档案编号 " + random + "。</p>"));
        assertThat(findings).extracting(Finding::rule)
                .containsExactly("personalData.MOBILE_NUMBER", "personalData.BANK_CARD");
    }

    @Test
    void findsAScriptAndAJavascriptLink() {
        List<Finding> findings = rejected(draft("<p>通知</p><script>alert(1)</script><a href=\"javascript:alert(2)\">点此</a>"));
        assertThat(findings).extracting(Finding::rule).containsOnly("html.unsafe");
        assertThat(findings).extracting(Finding::message)
                .anySatisfy(message -> assertThat(message).contains("<script>"))
                .anySatisfy(message -> assertThat(message).contains("<a>").contains("javascript:"));
    }

    @Test
    void listsEveryFindingAtOnceWithWhereItIs() {
        ArticleDraft draft = ArticleDraft.builder().column(Column.POLICY_DOCUMENTS).title("联系 13812345678")
                .html("<p>" + ID + "</p><script>x</script>").build();
        assertThat(rejected(draft)).extracting(finding -> finding.field() + " " + finding.rule()).containsExactly(
                "writtenOn metadata.required", "issuingAgency metadata.required", "topic metadata.required",
                "documentNumber metadata.required", "html html.unsafe", "title personalData.MOBILE_NUMBER",
                "html personalData.CITIZEN_ID");
    }

    @Test
    void maskModePublishesTheMaskedSanitisedText() {
        ArticleDraft published = mask.reviewArticle(draft("<p onclick=\"steal()\">身份证 1101<b>05</b>19491231002X，"
                + "电话 13812345678</p><script>alert(1)</script><a href=\"javascript:alert(2)\">点此</a>"));
        assertThat(published.html())
                .contains("1101<b>05</b>********002X").contains("138****5678")
                .doesNotContain("<script").doesNotContain("javascript:").doesNotContain("onclick").doesNotContain("19491231");
        assertThat(published.title()).isEqualTo("关于做好2026年春耕备耕工作的通知");
    }

    @Test
    void findsAndMasksConfiguredSensitiveWords() {
        ComplianceGate words = Compliance.reject().withSensitiveWords(List.of("内部资料")).gate(CLOCK);
        assertThatThrownBy(() -> words.reviewArticle(draft("<p>本文为内部资料。</p>")))
                .isInstanceOfSatisfying(ComplianceException.class, e -> assertThat(e.findings())
                        .extracting(Finding::rule).containsExactly("sensitiveWord"));
        assertThat(Compliance.mask().withSensitiveWords(List.of("内部资料")).gate(CLOCK)
                .reviewArticle(draft("<p>本文为内部资料。</p>")).html()).contains("本文为****。");
    }

    @Test
    void findsTheIdInAnAttachedWorkbookWithItsCell() {
        Finding finding = attachmentFinding("补贴名单.xlsx", Attachments.xlsx(ID));
        assertThat(finding.field()).isEqualTo("attachment '补贴名单.xlsx' sheet '名单' cell B3");
        assertThat(finding.rule()).isEqualTo("personalData.CITIZEN_ID");
    }

    @Test
    void findsTheIdInAnAttachedPdfWithItsPage() {
        Finding finding = attachmentFinding("list.pdf", Attachments.pdf("Recipient: Zhang San, ID " + ID));
        assertThat(finding.field()).isEqualTo("attachment 'list.pdf' page 1");
    }

    @Test
    void findsTheIdInWordAndOfdAttachmentsToo() {
        assertThat(attachmentFinding("名单.docx", Attachments.docx("张三 " + ID)).field())
                .isEqualTo("attachment '名单.docx' paragraph 2");
        assertThat(attachmentFinding("名单.ofd", Attachments.ofd(ID)).field())
                .isEqualTo("attachment '名单.ofd' Doc_0/Pages/Page_0/Content.xml");
    }

    @Test
    void refusesAnAttachmentWithPersonalDataEvenWhenMasking() {
        assertThatThrownBy(() -> mask.reviewAttachment("list.xlsx", Attachments.xlsx(ID)))
                .isInstanceOf(ComplianceException.class).hasMessageContaining("cannot be masked");
    }

    @Test
    void acceptsCleanAttachmentsAndJudgesTheTypeByContent() {
        assertThat(reject.reviewAttachment("notice.pdf", Attachments.pdf("Notice on spring ploughing"))).isEqualTo(AttachmentType.PDF);
        assertThat(reject.reviewAttachment("data.bin", Attachments.xlsx("合计 12 户"))).isEqualTo(AttachmentType.XLSX);
        assertThat(reject.reviewAttachment("a.docx", Attachments.docx("无"))).isEqualTo(AttachmentType.DOCX);
        assertThat(reject.reviewAttachment("a.ofd", Attachments.ofd("无"))).isEqualTo(AttachmentType.OFD);
    }

    @Test
    void refusesAnExecutableNamedPdfAndAZipThatIsNoOfficeDocument() {
        assertThat(attachmentFinding("notice.pdf", new byte[] {'M', 'Z', 0, 0, 1, 2}).rule()).isEqualTo("attachment.type");
        assertThat(attachmentFinding("list.xlsx", Attachments.zip(Map.of("a.txt", "x"))).rule())
                .isEqualTo("attachment.type");
    }

    @Test
    void refusesAZipBombAndAnOversizedAttachment() {
        ComplianceGate small = Compliance.reject().withMaxAttachmentBytes(1024 * 1024).gate(CLOCK);
        Finding bomb = catchThrowableOfType(ComplianceException.class,
                () -> small.reviewAttachment("list.xlsx", Attachments.zipBomb(8 * 1024 * 1024))).findings().get(0);
        assertThat(bomb.rule()).isEqualTo("attachment.unreadable");
        assertThat(bomb.message()).contains("zip bomb");
        assertThat(catchThrowableOfType(ComplianceException.class, () -> small.reviewAttachment("big.pdf",
                new byte[1024 * 1024 + 1])).findings().get(0).rule()).isEqualTo("attachment.size");
    }

    @Test
    void refusesAnOfdWithADoctype() {
        byte[] entityTrick = Attachments.zip(Map.of("OFD.xml",
                "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r>&x;</r>"));
        assertThat(attachmentFinding("trick.ofd", entityTrick).rule()).isEqualTo("attachment.unreadable");
    }

    @Test
    void checksTheDocumentNumberAndIndexNumberFormats() {
        assertThat(DocumentNumber.parse("武农发〔2026〕3号").year()).isEqualTo(2026);
        for (String wrong : List.of("武农发[2026]3号", "武农发(2026)3号", "武农发〔2026〕03号", "武农发〔26〕3号", "武农发〔2026〕3")) {
            assertThatThrownBy(() -> DocumentNumber.parse(wrong)).hasMessageContaining("〔〕");
        }
        IndexNumber index = IndexNumber.of("MB0000043", 2026, 7);
        assertThat(index.value()).isEqualTo("MB0000043/2026-00007").hasSize(20);
        assertThat(IndexNumber.parse(index.value()).serial()).isEqualTo(7);
        assertThatThrownBy(() -> IndexNumber.parse("MB0000043/2026-7")).hasMessageContaining("索引号");
    }

    private Finding attachmentFinding(String name, byte[] content) {
        return catchThrowableOfType(ComplianceException.class, () -> reject.reviewAttachment(name, content)).findings().get(0);
    }
}
