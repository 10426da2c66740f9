using System.Collections;
using System.Globalization;
using System.Text;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace StaticGraph;

public static partial class TextFormat
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);
    private static readonly System.Buffers.SearchValues<char> FloatChars = System.Buffers.SearchValues.Create("0123456789.eE+-");

    /// <summary>A recursive-descent reader of one text-format message over its descriptor.</summary>
    private sealed class Parser(string text)
    {
        private readonly Tokenizer _tok = new(text);

        public void ParseAll(IMessage message)
        {
            ParseFields(message, null, 0);
        }

        // Fields until the terminator ("}" or ">"), or until the end of input for the top-level message.
        private void ParseFields(IMessage message, string? terminator, int depth)
        {
            if (depth > MaxDepth)
            {
                throw _tok.Error($"Message nesting is deeper than {MaxDepth} levels.");
            }

            var seen = new HashSet<int>();
            var seenOneofs = new Dictionary<OneofDescriptor, string>();
            while (true)
            {
                if (terminator is null ? _tok.Kind == TokenKind.End : _tok.TryConsume(terminator))
                {
                    return;
                }

                if (_tok.Kind == TokenKind.End)
                {
                    throw _tok.Error($"Expected \"{terminator}\" to close message {message.Descriptor.FullName}, found end of input.");
                }

                ParseField(message, depth, seen, seenOneofs);
                if (!_tok.TryConsume(";"))
                {
                    _tok.TryConsume(",");
                }
            }
        }

        private void ParseField(IMessage message, int depth, HashSet<int> seen, Dictionary<OneofDescriptor, string> seenOneofs)
        {
            var descriptor = message.Descriptor;
            int line = _tok.Line, column = _tok.Column;
            if (_tok.LookingAt("["))
            {
                ParseExpandedAny(message, depth, seen);
                return;
            }

            string name = _tok.ConsumeIdentifier();
            var field = descriptor.FindFieldByName(name)
                ?? throw new TextFormatException(line, column, $"Message type \"{descriptor.FullName}\" has no field named \"{name}\".");
            if (!field.IsRepeated)
            {
                if (!seen.Add(field.FieldNumber))
                {
                    throw new TextFormatException(line, column, $"Non-repeated field \"{name}\" is specified multiple times.");
                }

                if (field.ContainingOneof is { } oneof && !seenOneofs.TryAdd(oneof, name))
                {
                    throw new TextFormatException(line, column,
                        $"Field \"{name}\" is specified along with field \"{seenOneofs[oneof]}\", another member of oneof \"{oneof.Name}\".");
                }
            }

            bool isMessage = field.FieldType is FieldType.Message or FieldType.Group;
            if (isMessage)
            {
                _tok.TryConsume(":");
            }
            else
            {
                _tok.Consume(":");
            }

            if (field.IsRepeated && _tok.TryConsume("["))
            {
                if (_tok.TryConsume("]"))
                {
                    return;
                }

                do
                {
                    AddValue(message, field, depth);
                }
                while (_tok.TryConsume(","));
                _tok.Consume("]");
                return;
            }

            AddValue(message, field, depth);
        }

        private void AddValue(IMessage message, FieldDescriptor field, int depth)
        {
            if (field.IsMap)
            {
                var (key, value) = ParseMapEntry(field, depth);
                ((IDictionary)field.Accessor.GetValue(message))[key] = value;
                return;
            }

            object v = field.FieldType is FieldType.Message or FieldType.Group
                ? ParseMessageValue(field.MessageType, depth)
                : ParseScalar(field);
            if (field.IsRepeated)
            {
                ((IList)field.Accessor.GetValue(message)).Add(v);
            }
            else
            {
                field.Accessor.SetValue(message, v);
            }
        }

        private IMessage ParseMessageValue(MessageDescriptor type, int depth)
        {
            var m = (IMessage)Activator.CreateInstance(type.ClrType)!;
            ParseFields(m, OpenMessage(), depth + 1);
            return m;
        }

        private string OpenMessage()
        {
            if (_tok.TryConsume("{"))
            {
                return "}";
            }

            if (_tok.TryConsume("<"))
            {
                return ">";
            }

            throw _tok.Error($"Expected \"{{\" or \"<\" to open a message, found {_tok.Describe()}.");
        }

        // map<K, V> entries are messages { key: K value: V }; a missing key or value takes its default.
        private (object Key, object Value) ParseMapEntry(FieldDescriptor field, int depth)
        {
            var keyField = field.MessageType.FindFieldByNumber(1);
            var valueField = field.MessageType.FindFieldByNumber(2);
            object? key = null, value = null;
            string terminator = OpenMessage();
            while (!_tok.TryConsume(terminator))
            {
                int line = _tok.Line, column = _tok.Column;
                string name = _tok.ConsumeIdentifier();
                if (name == "key" && key is null)
                {
                    _tok.Consume(":");
                    key = ParseScalar(keyField);
                }
                else if (name == "value" && value is null)
                {
                    if (valueField.FieldType == FieldType.Message)
                    {
                        _tok.TryConsume(":");
                        value = ParseMessageValue(valueField.MessageType, depth + 1);
                    }
                    else
                    {
                        _tok.Consume(":");
                        value = ParseScalar(valueField);
                    }
                }
                else
                {
                    throw new TextFormatException(line, column,
                        $"Map entry of field \"{field.Name}\" has fields \"key\" and \"value\" (once each), not \"{name}\".");
                }

                if (!_tok.TryConsume(";"))
                {
                    _tok.TryConsume(",");
                }
            }

            return (key ?? DefaultValue(keyField), value ?? DefaultValue(valueField));
        }

        // [type.googleapis.com/full.Name] { ... } inside a google.protobuf.Any.
        private void ParseExpandedAny(IMessage message, int depth, HashSet<int> seen)
        {
            int line = _tok.Line, column = _tok.Column;
            _tok.Consume("[");
            var url = new StringBuilder();
            while (!_tok.TryConsume("]"))
            {
                if (_tok.Kind is TokenKind.End or TokenKind.String || _tok.LookingAt("{"))
                {
                    throw _tok.Error($"Expected \"]\" to close the type name, found {_tok.Describe()}.");
                }

                url.Append(_tok.Text);
                _tok.Next();
            }

            string typeUrl = url.ToString();
            if (message.Descriptor.FullName != "google.protobuf.Any" || !typeUrl.Contains('/', StringComparison.Ordinal))
            {
                throw new TextFormatException(line, column,
                    $"Extension \"{typeUrl}\" is not supported in message type \"{message.Descriptor.FullName}\" (only expanded google.protobuf.Any values are).");
            }

            string typeName = typeUrl[(typeUrl.LastIndexOf('/') + 1)..];
            var type = Registry.Find(typeName) ?? throw new TextFormatException(line, column,
                $"Could not find type \"{typeName}\" of the expanded Any \"[{typeUrl}]\" among StaticGraph's protobuf messages.");
            if (!seen.Add(1) || !seen.Add(2))
            {
                throw new TextFormatException(line, column, "An Any holds one value: the expanded form cannot repeat or mix with type_url/value.");
            }

            _tok.TryConsume(":");
            var inner = ParseMessageValue(type, depth);
            message.Descriptor.FindFieldByNumber(1).Accessor.SetValue(message, typeUrl);
            message.Descriptor.FindFieldByNumber(2).Accessor.SetValue(message, inner.ToByteString());
        }

        private object ParseScalar(FieldDescriptor field)
        {
            switch (field.FieldType)
            {
                case FieldType.String:
                {
                    int line = _tok.Line, column = _tok.Column;
                    byte[] bytes = _tok.ConsumeBytes();
                    try
                    {
                        return StrictUtf8.GetString(bytes);
                    }
                    catch (DecoderFallbackException e)
                    {
                        throw new TextFormatException(line, column, $"String field \"{field.Name}\" holds bytes that are not valid UTF-8: {e.Message}");
                    }
                }

                case FieldType.Bytes:
                    return ByteString.CopyFrom(_tok.ConsumeBytes());
                case FieldType.Bool:
                    return ParseBool(field);
                case FieldType.Enum:
                    return ParseEnum(field);
                case FieldType.Float:
                    return (float)ParseFloating(field);
                case FieldType.Double:
                    return ParseFloating(field);
                case FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32:
                    return (int)ParseInteger(field, int.MinValue, int.MaxValue);
                case FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64:
                    return (long)ParseInteger(field, long.MinValue, long.MaxValue);
                case FieldType.UInt32 or FieldType.Fixed32:
                    return (uint)ParseInteger(field, 0, uint.MaxValue);
                case FieldType.UInt64 or FieldType.Fixed64:
                    return (ulong)ParseInteger(field, 0, ulong.MaxValue);
                default:
                    throw _tok.Error($"Field \"{field.Name}\" has unsupported type {field.FieldType}.");
            }
        }

        private bool ParseBool(FieldDescriptor field)
        {
            string t = _tok.Text;
            bool? value = _tok.Kind switch
            {
                TokenKind.Identifier => t switch { "true" or "True" or "t" => true, "false" or "False" or "f" => false, _ => null },
                TokenKind.Number => t switch { "1" => true, "0" => false, _ => null },
                _ => null,
            };
            if (value is null)
            {
                throw _tok.Error($"Invalid value for boolean field \"{field.Name}\": expected true/false/t/f/1/0, found {_tok.Describe()}.");
            }

            _tok.Next();
            return value.Value;
        }

        private object ParseEnum(FieldDescriptor field)
        {
            var type = field.EnumType;
            if (_tok.Kind == TokenKind.Identifier)
            {
                var v = type.FindValueByName(_tok.Text)
                    ?? throw _tok.Error($"Unknown enumeration value \"{_tok.Text}\" for field \"{field.Name}\" of type {type.FullName}.");
                _tok.Next();
                return Enum.ToObject(type.ClrType, v.Number);
            }

            return Enum.ToObject(type.ClrType, (int)ParseInteger(field, int.MinValue, int.MaxValue));
        }

        private decimal ParseInteger(FieldDescriptor field, decimal min, decimal max)
        {
            bool negative = _tok.TryConsume("-");
            if (_tok.Kind != TokenKind.Number)
            {
                throw _tok.Error($"Expected integer for field \"{field.Name}\", found {_tok.Describe()}.");
            }

            string t = _tok.Text;
            ulong magnitude;
            bool ok = t.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
                ? ulong.TryParse(t.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out magnitude) && t.Length > 2
                : t.Length > 1 && t[0] == '0'
                    ? TryParseOctal(t.AsSpan(1), out magnitude)
                    : ulong.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out magnitude);
            if (!ok)
            {
                throw _tok.Error($"Expected integer for field \"{field.Name}\", found '{(negative ? "-" : "")}{t}'.");
            }

            decimal value = negative ? -(decimal)magnitude : magnitude;
            if (value < min || value > max)
            {
                throw _tok.Error($"Integer {(negative ? "-" : "")}{t} is out of range for field \"{field.Name}\" ({field.FieldType}).");
            }

            _tok.Next();
            return value;
        }

        private static bool TryParseOctal(ReadOnlySpan<char> digits, out ulong value)
        {
            value = 0;
            foreach (char c in digits)
            {
                if (c is < '0' or > '7' || value > (ulong.MaxValue >> 3))
                {
                    return false;
                }

                value = (value << 3) | (uint)(c - '0');
            }

            return true;
        }

        private double ParseFloating(FieldDescriptor field)
        {
            bool negative = _tok.TryConsume("-");
            double value;
            string t = _tok.Text;
            if (_tok.Kind == TokenKind.Identifier)
            {
                value = t.ToLowerInvariant() switch
                {
                    "inf" or "infinity" or "inff" or "infinityf" => double.PositiveInfinity,
                    "nan" or "nanf" => double.NaN,
                    _ => throw _tok.Error($"Expected number for field \"{field.Name}\", found {_tok.Describe()}."),
                };
            }
            else if (_tok.Kind == TokenKind.Number)
            {
                value = ParseFloatLiteral(t, field);
            }
            else
            {
                throw _tok.Error($"Expected number for field \"{field.Name}\", found {_tok.Describe()}.");
            }

            _tok.Next();
            return negative ? -value : value;
        }

        private double ParseFloatLiteral(string t, FieldDescriptor field)
        {
            if (t.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && t.Length > 2
                && ulong.TryParse(t.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong hex))
            {
                return hex;
            }

            // Decimal with an optional f/F suffix (C++ accepts "1e-3f"); a leading 0 is still decimal for floats.
            var s = t.EndsWith('f') || t.EndsWith('F') ? t.AsSpan(0, t.Length - 1) : t.AsSpan();
            if (s.Length > 0 && !s.ContainsAnyExcept(FloatChars) &&
                double.TryParse(s, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out double d))
            {
                return d;
            }

            throw _tok.Error($"Expected number for field \"{field.Name}\", found '{t}'.");
        }

        private static object DefaultValue(FieldDescriptor field) => field.FieldType switch
        {
            FieldType.String => "",
            FieldType.Bytes => ByteString.Empty,
            FieldType.Bool => false,
            FieldType.Float => 0f,
            FieldType.Double => 0d,
            FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => 0,
            FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => 0L,
            FieldType.UInt32 or FieldType.Fixed32 => 0u,
            FieldType.UInt64 or FieldType.Fixed64 => 0UL,
            FieldType.Enum => Enum.ToObject(field.EnumType.ClrType, 0),
            _ => Activator.CreateInstance(field.MessageType.ClrType)!,
        };
    }
}
