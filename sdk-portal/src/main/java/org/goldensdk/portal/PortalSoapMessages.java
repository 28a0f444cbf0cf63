package org.goldensdk.portal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.xml.datatype.DatatypeConstants;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;
import org.goldensdk.core.CreditCode;
import org.goldensdk.portal.soap.ListArticles;
import org.goldensdk.portal.soap.types.AgencyType;
import org.goldensdk.portal.soap.types.ArticleDraftType;
import org.goldensdk.portal.soap.types.ArticlePageType;
import org.goldensdk.portal.soap.types.ArticleStateType;
import org.goldensdk.portal.soap.types.ArticleType;
import org.goldensdk.portal.soap.types.AttachmentInfoType;
import org.goldensdk.portal.soap.types.ColumnType;
import org.goldensdk.portal.soap.types.DisclosureType;
import org.goldensdk.portal.soap.types.FileTypeType;
import org.goldensdk.portal.soap.types.GenreType;
import org.goldensdk.portal.soap.types.LetterStateType;
import org.goldensdk.portal.soap.types.LetterType;
import org.goldensdk.portal.soap.types.ServiceGuideDraftType;
import org.goldensdk.portal.soap.types.ServiceGuideType;
import org.goldensdk.portal.soap.types.ValidityType;

/**
 * Converts between the portal's objects and the classes generated from
 * {@code docs/portal/portal-service.wsdl} and {@code portal-1.xsd} (packages
 * {@code org.goldensdk.portal.soap} and {@code org.goldensdk.portal.soap.types}), for a server or a
 * client of the SOAP publishing service: the same values as the REST API's JSON, field for field.
 * Nothing is reviewed here: the {@link ComplianceGate} judges content. Thread-safe.
 */
public final class PortalSoapMessages {
    private static final DatatypeFactory DATATYPES = DatatypeFactory.newDefaultInstance();

    private PortalSoapMessages() {
    }

    /** The SOAP form of a draft. */
    public static ArticleDraftType toSoap(ArticleDraft draft) {
        ArticleDraftType soap = new ArticleDraftType();
        soap.setColumn(convert(draft.column(), ColumnType.class));
        soap.setTitle(draft.title());
        soap.setDocumentNumber(draft.documentNumber() == null ? null : draft.documentNumber().value());
        soap.setWrittenOn(date(draft.writtenOn()));
        soap.setIssuingAgency(draft.issuingAgency());
        soap.setTopic(draft.topic() == null ? null : draft.topic().value());
        soap.setGenre(convert(draft.genre(), GenreType.class));
        soap.setDisclosure(convert(draft.disclosure(), DisclosureType.class));
        soap.setValidity(convert(draft.validity(), ValidityType.class));
        soap.setHtml(draft.html());
        return soap;
    }

    /**
     * The draft of a SOAP form; absent elements stay null for the gate to report.
     *
     * @throws org.goldensdk.core.ValidationException if the 文号 or the topic category is malformed
     */
    public static ArticleDraft fromSoap(ArticleDraftType soap) {
        return new ArticleDraft(convert(soap.getColumn(), Column.class), soap.getTitle(),
                soap.getDocumentNumber() == null ? null : DocumentNumber.parse(soap.getDocumentNumber()),
                localDate(soap.getWrittenOn()), soap.getIssuingAgency(),
                soap.getTopic() == null ? null : TopicCategory.of(soap.getTopic()), convert(soap.getGenre(), Genre.class),
                convert(soap.getDisclosure(), DisclosureAttribute.class), convert(soap.getValidity(), Validity.class),
                soap.getHtml());
    }

    /** The SOAP form of an article. */
    public static ArticleType toSoap(Article article) {
        ArticleType soap = new ArticleType();
        soap.setId(article.id());
        soap.setVersion(article.version());
        soap.setState(convert(article.state(), ArticleStateType.class));
        soap.setIndexNumber(article.indexNumber() == null ? null : article.indexNumber().value());
        soap.setAgency(toSoap(article.agency()));
        soap.setContent(toSoap(article.content()));
        soap.setPublishedOn(date(article.publishedOn()));
        soap.setWithdrawalReason(article.withdrawalReason());
        for (AttachmentInfo attachment : article.attachments()) {
            AttachmentInfoType info = new AttachmentInfoType();
            info.setId(attachment.id());
            info.setFileName(attachment.fileName());
            info.setType(convert(attachment.type(), FileTypeType.class));
            info.setSize(attachment.size());
            info.setSha256(attachment.sha256());
            soap.getAttachment().add(info);
        }
        return soap;
    }

    /** The article of a SOAP form. */
    public static Article fromSoap(ArticleType soap) {
        return new Article(soap.getId(), soap.getVersion(), convert(soap.getState(), ArticleState.class),
                soap.getIndexNumber() == null ? null : IndexNumber.parse(soap.getIndexNumber()), fromSoap(soap.getAgency()),
                fromSoap(soap.getContent()), localDate(soap.getPublishedOn()), soap.getWithdrawalReason(),
                soap.getAttachment().stream().map(info -> new AttachmentInfo(info.getId(), info.getFileName(),
                        convert(info.getType(), AttachmentType.class), info.getSize(), info.getSha256())).toList());
    }

    /** The SOAP form of a page of articles. */
    public static ArticlePageType toSoap(Page<Article> page) {
        ArticlePageType soap = new ArticlePageType();
        page.items().forEach(article -> soap.getArticle().add(toSoap(article)));
        soap.setPage(page.page());
        soap.setSize(page.size());
        soap.setTotal(page.total());
        return soap;
    }

    /** The page of articles of a SOAP form. */
    public static Page<Article> fromSoap(ArticlePageType soap) {
        return new Page<>(soap.getArticle().stream().map(PortalSoapMessages::fromSoap).toList(), soap.getPage(),
                soap.getSize(), soap.getTotal());
    }

    /** The listing request for {@code query}. */
    public static ListArticles toSoap(ArticleQuery query) {
        ListArticles soap = new ListArticles();
        soap.setColumn(convert(query.column(), ColumnType.class));
        soap.setAgency(query.agency() == null ? null : query.agency().value());
        soap.setFrom(date(query.from()));
        soap.setTo(date(query.to()));
        soap.setText(query.text());
        soap.setPage(query.page());
        soap.setSize(query.size());
        return soap;
    }

    /**
     * The query of a listing request; page 1 and size 20 when absent.
     *
     * @throws org.goldensdk.core.ValidationException if the paging, the date range or the credit code is invalid
     */
    public static ArticleQuery fromSoap(ListArticles soap) {
        return new ArticleQuery(convert(soap.getColumn(), Column.class),
                soap.getAgency() == null ? null : CreditCode.parse(soap.getAgency()), localDate(soap.getFrom()),
                localDate(soap.getTo()), soap.getText(), soap.getPage() == null ? 1 : soap.getPage(),
                soap.getSize() == null ? 20 : soap.getSize());
    }

    /** The SOAP form of a service guide's content. */
    public static ServiceGuideDraftType toSoap(ServiceGuideDraft guide) {
        ServiceGuideDraftType soap = new ServiceGuideDraftType();
        soap.setTitle(guide.title());
        soap.setConditions(guide.conditions());
        soap.getMaterial().addAll(guide.materials());
        soap.getStep().addAll(guide.steps());
        soap.setTimeLimit(guide.timeLimit());
        soap.setFees(guide.fees());
        soap.setLegalBasis(guide.legalBasis());
        soap.setLocation(guide.location());
        soap.setContact(guide.contact());
        return soap;
    }

    /** The service guide content of a SOAP form. */
    public static ServiceGuideDraft fromSoap(ServiceGuideDraftType soap) {
        return new ServiceGuideDraft(soap.getTitle(), soap.getConditions(), soap.getMaterial(), soap.getStep(),
                soap.getTimeLimit(), soap.getFees(), soap.getLegalBasis(), soap.getLocation(), soap.getContact());
    }

    /** The SOAP form of a published service guide. */
    public static ServiceGuideType toSoap(ServiceGuide guide) {
        ServiceGuideType soap = new ServiceGuideType();
        soap.setId(guide.id());
        soap.setVersion(guide.version());
        soap.setAgency(toSoap(guide.agency()));
        soap.setContent(toSoap(guide.content()));
        soap.setPublishedOn(date(guide.publishedOn()));
        return soap;
    }

    /** The published service guide of a SOAP form. */
    public static ServiceGuide fromSoap(ServiceGuideType soap) {
        return new ServiceGuide(soap.getId(), soap.getVersion(), fromSoap(soap.getAgency()), fromSoap(soap.getContent()),
                localDate(soap.getPublishedOn()));
    }

    /** The SOAP form of a letter, personal data included (only for the agency it is assigned to). */
    public static LetterType toSoap(Letter letter) {
        LetterType soap = new LetterType();
        soap.setId(letter.id());
        soap.setAgency(letter.agency());
        soap.setSubject(letter.subject());
        soap.setBody(letter.body());
        soap.setWriterName(letter.writerName());
        soap.setWriterContact(letter.writerContact());
        soap.setSubmittedAt(dateTime(letter.submittedAt()));
        soap.setState(convert(letter.state(), LetterStateType.class));
        soap.setReply(letter.reply());
        soap.setRepliedAt(dateTime(letter.repliedAt()));
        return soap;
    }

    /** The letter of a SOAP form. */
    public static Letter fromSoap(LetterType soap) {
        return new Letter(soap.getId(), soap.getAgency(), soap.getSubject(), soap.getBody(), soap.getWriterName(),
                soap.getWriterContact(), instant(soap.getSubmittedAt()), convert(soap.getState(), LetterState.class),
                soap.getReply(), instant(soap.getRepliedAt()));
    }

    /** The SOAP form of a letter state, or null. */
    public static LetterStateType toSoap(LetterState state) {
        return convert(state, LetterStateType.class);
    }

    /** The letter state of a SOAP form, or null. */
    public static LetterState fromSoap(LetterStateType state) {
        return convert(state, LetterState.class);
    }

    private static AgencyType toSoap(Agency agency) {
        AgencyType soap = new AgencyType();
        soap.setFullName(agency.fullName());
        soap.setCreditCode(agency.creditCode().value());
        return soap;
    }

    private static Agency fromSoap(AgencyType soap) {
        return Agency.of(soap.getFullName(), soap.getCreditCode());
    }

    /** The constant of {@code type} with the same name: both sides' enums list the schema's values. */
    private static <E extends Enum<E>> E convert(Enum<?> value, Class<E> type) {
        return value == null ? null : Enum.valueOf(type, value.name());
    }

    private static XMLGregorianCalendar date(LocalDate date) {
        return date == null ? null : DATATYPES.newXMLGregorianCalendarDate(date.getYear(), date.getMonthValue(),
                date.getDayOfMonth(), DatatypeConstants.FIELD_UNDEFINED);
    }

    private static LocalDate localDate(XMLGregorianCalendar date) {
        return date == null ? null : LocalDate.of(date.getYear(), date.getMonth(), date.getDay());
    }

    private static XMLGregorianCalendar dateTime(Instant instant) {
        return instant == null ? null : DATATYPES.newXMLGregorianCalendar(instant.toString());
    }

    private static Instant instant(XMLGregorianCalendar dateTime) {
        if (dateTime == null) {
            return null;
        }
        // the lexical form keeps the fraction of a second a calendar would cut to milliseconds
        return dateTime.getTimezone() == DatatypeConstants.FIELD_UNDEFINED
                ? LocalDateTime.parse(dateTime.toXMLFormat()).toInstant(ZoneOffset.UTC)
                : OffsetDateTime.parse(dateTime.toXMLFormat()).toInstant();
    }
}
