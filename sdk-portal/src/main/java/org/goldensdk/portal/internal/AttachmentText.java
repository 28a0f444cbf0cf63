package org.goldensdk.portal.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.goldensdk.core.CodecLimits;
import org.goldensdk.core.SafeXml;
import org.goldensdk.portal.AttachmentType;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Extracts the text of an attachment as segments, each with where it is (page, sheet and cell,
 * paragraph, OFD content file), so a finding can say where to look. PDF through PDFBox, XLSX and
 * DOCX through POI, OFD (a ZIP of XML) through the JDK's parser hardened by core's
 * {@link SafeXml}. ZIP-based formats are inflated under {@link ZipInspection}'s limits before any
 * library reads them; the text read is bounded by {@code maxChars}.
 */
public final class AttachmentText {
    private static final int MAX_PDF_PAGES = 5_000;

    /** A piece of text and where it is in the attachment. */
    public record Segment(String location, String text) {
    }

    /** The attachment's text could not be read (malformed, encrypted, a bomb, too much text). */
    public static final class UnreadableAttachment extends Exception {
        private static final long serialVersionUID = 1L;

        UnreadableAttachment(String message) {
            super(message);
        }
    }

    private final long maxInflatedBytes;
    private final long maxChars;
    private final List<Segment> segments = new ArrayList<>();
    private long chars;

    private AttachmentText(long maxInflatedBytes, long maxChars) {
        this.maxInflatedBytes = maxInflatedBytes;
        this.maxChars = maxChars;
    }

    /**
     * The text of {@code content}, of the given type.
     *
     * @throws UnreadableAttachment if it cannot be read within the limits
     */
    public static List<Segment> extract(AttachmentType type, byte[] content, long maxInflatedBytes, long maxChars)
            throws UnreadableAttachment {
        AttachmentText text = new AttachmentText(maxInflatedBytes, maxChars);
        try {
            switch (type) {
                case PDF -> text.pdf(content);
                case XLSX -> text.xlsx(content);
                case DOCX -> text.docx(content);
                case OFD -> text.ofd(content);
                default -> {
                    // images: no text the gate can read
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new UnreadableAttachment("its text cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        return List.copyOf(text.segments);
    }

    private void pdf(byte[] content) throws IOException, UnreadableAttachment {
        try (PDDocument document = Loader.loadPDF(content)) {
            if (document.isEncrypted()) {
                throw new UnreadableAttachment("it is encrypted, so its text cannot be reviewed");
            }
            int pages = document.getNumberOfPages();
            if (pages > MAX_PDF_PAGES) {
                throw new UnreadableAttachment("it has more than " + MAX_PDF_PAGES + " pages");
            }
            PDFTextStripper stripper = new PDFTextStripper();
            for (int page = 1; page <= pages; page++) {
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                add("page " + page, stripper.getText(document));
            }
        }
    }

    private void xlsx(byte[] content) throws IOException, UnreadableAttachment {
        inspectZip(content);
        DataFormatter formatter = new DataFormatter();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(content))) {
            for (Sheet sheet : workbook) {
                for (Row row : sheet) {
                    for (Cell cell : row) {
                        String where = "sheet '" + sheet.getSheetName() + "' cell "
                                + new CellReference(row.getRowNum(), cell.getColumnIndex()).formatAsString(false);
                        add(where, formatter.formatCellValue(cell));
                    }
                }
            }
        }
    }

    private void docx(byte[] content) throws IOException, UnreadableAttachment {
        inspectZip(content);
        try (XWPFDocument document = new XWPFDocument(new ByteArrayInputStream(content))) {
            List<XWPFParagraph> paragraphs = document.getParagraphs();
            for (int i = 0; i < paragraphs.size(); i++) {
                add("paragraph " + (i + 1), paragraphs.get(i).getText());
            }
            List<XWPFTable> tables = document.getTables();
            for (int t = 0; t < tables.size(); t++) {
                List<XWPFTableRow> rows = tables.get(t).getRows();
                for (int r = 0; r < rows.size(); r++) {
                    List<XWPFTableCell> cells = rows.get(r).getTableCells();
                    for (int c = 0; c < cells.size(); c++) {
                        add("table " + (t + 1) + " row " + (r + 1) + " cell " + (c + 1), cells.get(c).getText());
                    }
                }
            }
        }
    }

    private void ofd(byte[] content) throws IOException, UnreadableAttachment {
        Map<String, byte[]> entries = inspectZip(content);
        DocumentBuilder parser;
        try {
            parser = SafeXml.documentBuilderFactory(CodecLimits.defaults()).newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser cannot be configured safely", e);
        }
        for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
            if (!entry.getKey().toLowerCase(Locale.ROOT).endsWith(".xml")) {
                continue;
            }
            try {
                Document document = parser.parse(new ByteArrayInputStream(entry.getValue()));
                StringBuilder text = new StringBuilder();
                collectText(document.getDocumentElement(), text);
                add(entry.getKey(), text.toString());
            } catch (SAXException e) {
                throw new UnreadableAttachment("its part " + entry.getKey()
                        + " is not well-formed or uses refused XML features (DTD, entities)");
            }
            parser.reset();
        }
    }

    /** Text nodes joined by a space: a value split over TextCode elements stays one run for the scanner. */
    private static void collectText(Node node, StringBuilder text) {
        for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
                String value = child.getNodeValue().strip();
                if (!value.isEmpty()) {
                    text.append(value).append(' ');
                }
            } else if (child.getNodeType() == Node.ELEMENT_NODE) {
                collectText(child, text);
            }
        }
    }

    private Map<String, byte[]> inspectZip(byte[] content) throws UnreadableAttachment {
        try {
            return ZipInspection.read(content, maxInflatedBytes);
        } catch (ZipInspection.RefusedArchive e) {
            throw new UnreadableAttachment(e.getMessage());
        }
    }

    private void add(String location, String text) throws UnreadableAttachment {
        if (text == null || text.isBlank()) {
            return;
        }
        chars += text.length();
        if (chars > maxChars) {
            throw new UnreadableAttachment("it holds more than " + maxChars + " characters of text");
        }
        segments.add(new Segment(location, text));
    }
}
