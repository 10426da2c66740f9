using System.Collections;
using System.Globalization;
using System.Text;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace StaticGraph;

public static partial class TextFormat
{
    // Fields in field-number order, as protobuf's C++ printer lists them; map entries sorted by key.
    private static void PrintMessage(StringBuilder sb, IMessage message, int indent)
    {
        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            object value = field.Accessor.GetValue(message);
            if (field.IsMap)
            {
                var entries = new List<DictionaryEntry>();
                var e = ((IDictionary)value).GetEnumerator();
                while (e.MoveNext())
                {
                    entries.Add(e.Entry);
                }

                entries.Sort((a, b) => MapKeyComparer.Instance.Compare(a.Key, b.Key));
                var keyField = field.MessageType.FindFieldByNumber(1);
                var valueField = field.MessageType.FindFieldByNumber(2);
                foreach (var entry in entries)
                {
                    Indent(sb, indent).Append(field.Name).Append(" {\n");
                    PrintValue(sb, keyField, entry.Key, indent + 1);
                    PrintValue(sb, valueField, entry.Value!, indent + 1);
                    Indent(sb, indent).Append("}\n");
                }
            }
            else if (field.IsRepeated)
            {
                foreach (object item in (IList)value)
                {
                    PrintValue(sb, field, item, indent);
                }
            }
            else if (IsSet(field, message, value))
            {
                PrintValue(sb, field, value, indent);
            }
        }
    }

    private static bool IsSet(FieldDescriptor field, IMessage message, object? value)
    {
        if (field.HasPresence)
        {
            return field.Accessor.HasValue(message);
        }

        return value switch
        {
            null => false,
            string s => s.Length > 0,
            ByteString b => !b.IsEmpty,
            bool b => b,
            float f => BitConverter.SingleToInt32Bits(f) != 0,
            double d => BitConverter.DoubleToInt64Bits(d) != 0,
            Enum e => Convert.ToInt64(e, CultureInfo.InvariantCulture) != 0,
            IConvertible c => c.ToDecimal(CultureInfo.InvariantCulture) != 0,
            _ => true,
        };
    }

    private static void PrintValue(StringBuilder sb, FieldDescriptor field, object value, int indent)
    {
        Indent(sb, indent).Append(field.Name);
        if (field.FieldType is FieldType.Message or FieldType.Group)
        {
            sb.Append(" {\n");
            PrintMessage(sb, (IMessage)value, indent + 1);
            Indent(sb, indent).Append("}\n");
            return;
        }

        sb.Append(": ");
        switch (value)
        {
            case string s:
                sb.Append('"').Append(CEscape(Encoding.UTF8.GetBytes(s))).Append('"');
                break;
            case ByteString b:
                sb.Append('"').Append(CEscape(b.Span)).Append('"');
                break;
            case bool b:
                sb.Append(b ? "true" : "false");
                break;
            case float f:
                sb.Append(FormatFloat(f));
                break;
            case double d:
                sb.Append(FormatDouble(d));
                break;
            case Enum e:
                int number = Convert.ToInt32(e, CultureInfo.InvariantCulture);
                sb.Append(field.EnumType.FindValueByNumber(number)?.Name ?? number.ToString(CultureInfo.InvariantCulture));
                break;
            default:
                sb.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }

        sb.Append('\n');
    }

    private static StringBuilder Indent(StringBuilder sb, int indent) => sb.Append(' ', indent * 2);

    /// <summary>protobuf's C++ <c>CEscape</c>: <c>\n \r \t \" \' \\</c> by name, other bytes outside printable
    /// ASCII as three-digit octal.</summary>
    internal static string CEscape(ReadOnlySpan<byte> bytes)
    {
        var sb = new StringBuilder(bytes.Length);
        foreach (byte b in bytes)
        {
            switch (b)
            {
                case (byte)'\n': sb.Append("\\n"); break;
                case (byte)'\r': sb.Append("\\r"); break;
                case (byte)'\t': sb.Append("\\t"); break;
                case (byte)'"': sb.Append("\\\""); break;
                case (byte)'\'': sb.Append("\\'"); break;
                case (byte)'\\': sb.Append("\\\\"); break;
                default:
                    if (b is < 0x20 or >= 0x7f)
                    {
                        sb.Append('\\').Append((char)('0' + (b >> 6))).Append((char)('0' + ((b >> 3) & 7))).Append((char)('0' + (b & 7)));
                    }
                    else
                    {
                        sb.Append((char)b);
                    }

                    break;
            }
        }

        return sb.ToString();
    }

    /// <summary>The shortest text that reads back as the same float (C's <c>%g</c> style: <c>1e-08</c>,
    /// <c>inf</c>, <c>nan</c>).</summary>
    internal static string FormatFloat(float f) =>
        float.IsNaN(f) ? "nan" : float.IsInfinity(f) ? (f > 0 ? "inf" : "-inf") : CStyle(f.ToString("R", CultureInfo.InvariantCulture));

    /// <summary>The shortest text that reads back as the same double.</summary>
    internal static string FormatDouble(double d) =>
        double.IsNaN(d) ? "nan" : double.IsInfinity(d) ? (d > 0 ? "inf" : "-inf") : CStyle(d.ToString("R", CultureInfo.InvariantCulture));

    private static string CStyle(string s) => s.Replace('E', 'e');

    // Map keys sort like the C++ printer: numbers by value, strings ordinally, false before true.
    private sealed class MapKeyComparer : IComparer<object>
    {
        public static MapKeyComparer Instance { get; } = new();

        public int Compare(object? x, object? y) => (x, y) switch
        {
            (string a, string b) => string.CompareOrdinal(a, b),
            (IComparable a, _) => a.CompareTo(y),
            _ => 0,
        };
    }
}
