using System.Globalization;
using System.Text;

namespace AzBillingInsights.Emulator;

/// <summary>
/// Writes a minimal valid PDF 1.4: one A4 page of Helvetica text lines, an uncompressed content stream
/// (so tests can read the text back) and a correct cross-reference table.
/// </summary>
internal static class PdfWriter
{
    public static byte[] SinglePage(IReadOnlyList<string> lines)
    {
        var content = new StringBuilder("BT\n/F1 11 Tf\n14 TL\n50 790 Td\n");
        foreach (string line in lines)
        {
            content.Append('(').Append(Escape(line)).Append(") Tj T*\n");
        }
        content.Append("ET\n");
        byte[] stream = Encoding.Latin1.GetBytes(content.ToString());
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
            $"<< /Length {stream.Length} >>\nstream\n{Encoding.Latin1.GetString(stream)}endstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        ];
        using var pdf = new MemoryStream();
        void Write(string text) => pdf.Write(Encoding.Latin1.GetBytes(text));
        Write("%PDF-1.4\n%\u00E2\u00E3\u00CF\u00D3\n");
        var offsets = new List<long>();
        for (int i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Position);
            Write($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        long xref = pdf.Position;
        Write($"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (long offset in offsets)
        {
            Write(offset.ToString("D10", CultureInfo.InvariantCulture) + " 00000 n \n");
        }
        Write($"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return pdf.ToArray();
    }

    /// <summary>PDF literal strings escape backslash and parentheses; other non-Latin-1 characters become '?'.</summary>
    private static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (char ch in text)
        {
            builder.Append(ch switch
            {
                '\\' => "\\\\",
                '(' => "\\(",
                ')' => "\\)",
                > '\u00FF' => "?",
                _ => ch.ToString(),
            });
        }
        return builder.ToString();
    }
}
