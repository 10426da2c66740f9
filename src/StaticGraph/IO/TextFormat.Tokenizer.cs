using System.Globalization;
using System.Text;

namespace StaticGraph;

public static partial class TextFormat
{
    private enum TokenKind { End, Identifier, Number, String, Symbol }

    /// <summary>Splits text format into identifiers, numbers, quoted strings and one-character symbols, skipping
    /// whitespace and <c>#</c> comments; every token remembers its line and column for error messages.</summary>
    private sealed class Tokenizer
    {
        private readonly string _text;
        private int _pos;
        private int _line = 1;
        private int _lineStart;

        public Tokenizer(string text)
        {
            _text = text;
            Next();
        }

        public TokenKind Kind { get; private set; }

        /// <summary>The token's text (for strings, the raw text between the quotes, escapes not yet decoded).</summary>
        public string Text { get; private set; } = "";

        public int Line { get; private set; }

        public int Column { get; private set; }

        public TextFormatException Error(string message) => new(Line, Column, message);

        /// <summary>What the current token looks like in an error message.</summary>
        public string Describe() => Kind switch
        {
            TokenKind.End => "end of input",
            TokenKind.String => $"string \"{Text}\"",
            _ => $"'{Text}'",
        };

        public bool LookingAt(string symbol) => Kind == TokenKind.Symbol && Text == symbol;

        public bool TryConsume(string symbol)
        {
            if (!LookingAt(symbol))
            {
                return false;
            }

            Next();
            return true;
        }

        public void Consume(string symbol)
        {
            if (!TryConsume(symbol))
            {
                throw Error($"Expected \"{symbol}\", found {Describe()}.");
            }
        }

        public string ConsumeIdentifier()
        {
            if (Kind != TokenKind.Identifier)
            {
                throw Error($"Expected identifier, found {Describe()}.");
            }

            string s = Text;
            Next();
            return s;
        }

        /// <summary>One or more adjacent quoted strings, unescaped and concatenated (as C does).</summary>
        public byte[] ConsumeBytes()
        {
            if (Kind != TokenKind.String)
            {
                throw Error($"Expected string, found {Describe()}.");
            }

            var bytes = new List<byte>();
            while (Kind == TokenKind.String)
            {
                Unescape(Text, bytes);
                Next();
            }

            return bytes.ToArray();
        }

        public void Next()
        {
            SkipWhitespaceAndComments();
            Line = _line;
            Column = _pos - _lineStart + 1;
            if (_pos >= _text.Length)
            {
                Kind = TokenKind.End;
                Text = "";
                return;
            }

            char c = _text[_pos];
            int start = _pos;
            if (char.IsAsciiLetter(c) || c == '_')
            {
                while (_pos < _text.Length && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] == '_'))
                {
                    _pos++;
                }

                Kind = TokenKind.Identifier;
            }
            else if (char.IsAsciiDigit(c) || (c == '.' && _pos + 1 < _text.Length && char.IsAsciiDigit(_text[_pos + 1])))
            {
                ReadNumber();
                Kind = TokenKind.Number;
            }
            else if (c is '"' or '\'')
            {
                Text = ReadString(c);
                Kind = TokenKind.String;
                return;
            }
            else
            {
                _pos++;
                Kind = TokenKind.Symbol;
            }

            Text = _text[start.._pos];
        }

        private void ReadNumber()
        {
            bool hex = _text[_pos] == '0' && _pos + 1 < _text.Length && _text[_pos + 1] is 'x' or 'X';
            _pos += hex ? 2 : 0;
            while (_pos < _text.Length)
            {
                char c = _text[_pos];
                if (!hex && c is 'e' or 'E' && _pos + 1 < _text.Length && _text[_pos + 1] is '+' or '-')
                {
                    _pos += 2;
                }
                else if (char.IsAsciiLetterOrDigit(c) || c is '.' or '_')
                {
                    _pos++;
                }
                else
                {
                    break;
                }
            }
        }

        private string ReadString(char quote)
        {
            int start = ++_pos;
            while (true)
            {
                if (_pos >= _text.Length || _text[_pos] == '\n')
                {
                    throw Error("Unexpected end of string (a string literal must end on its line).");
                }

                char c = _text[_pos];
                if (c == quote)
                {
                    string s = _text[start.._pos];
                    _pos++;
                    return s;
                }

                _pos += c == '\\' && _pos + 1 < _text.Length && _text[_pos + 1] != '\n' ? 2 : 1;
            }
        }

        private void SkipWhitespaceAndComments()
        {
            while (_pos < _text.Length)
            {
                char c = _text[_pos];
                if (c == '\n')
                {
                    _pos++;
                    _line++;
                    _lineStart = _pos;
                }
                else if (char.IsWhiteSpace(c))
                {
                    _pos++;
                }
                else if (c == '#')
                {
                    while (_pos < _text.Length && _text[_pos] != '\n')
                    {
                        _pos++;
                    }
                }
                else
                {
                    return;
                }
            }
        }

        /// <summary>Decodes C escapes (<c>\n \t \r \a \b \f \v \\ \' \" \?</c>, octal <c>\ooo</c>, hex <c>\xhh</c>,
        /// <c>\uXXXX</c>, <c>\UXXXXXXXX</c>); other characters are taken as UTF-8.</summary>
        private void Unescape(string s, List<byte> output)
        {
            Span<byte> utf8 = stackalloc byte[4];
            for (int i = 0; i < s.Length; i++)
            {
                char c = s[i];
                if (c != '\\')
                {
                    if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                    {
                        AddRune(new Rune(c, s[++i]), output, utf8);
                    }
                    else
                    {
                        AddRune(char.IsSurrogate(c) ? Rune.ReplacementChar : new Rune(c), output, utf8);
                    }

                    continue;
                }

                if (++i >= s.Length)
                {
                    throw Error("Invalid escape: a string ends with a lone backslash.");
                }

                char e = s[i];
                switch (e)
                {
                    case 'n': output.Add((byte)'\n'); break;
                    case 't': output.Add((byte)'\t'); break;
                    case 'r': output.Add((byte)'\r'); break;
                    case 'a': output.Add(7); break;
                    case 'b': output.Add(8); break;
                    case 'f': output.Add(12); break;
                    case 'v': output.Add(11); break;
                    case '\\' or '\'' or '"' or '?': output.Add((byte)e); break;
                    case >= '0' and <= '7':
                    {
                        int value = 0, n = 0;
                        while (n < 3 && i < s.Length && s[i] is >= '0' and <= '7')
                        {
                            value = (value * 8) + (s[i++] - '0');
                            n++;
                        }

                        i--;
                        if (value > 255)
                        {
                            throw Error($"Octal escape \\{s.Substring(i - n + 1, n)} is out of range for a byte.");
                        }

                        output.Add((byte)value);
                        break;
                    }

                    case 'x' or 'X':
                    {
                        int value = 0, n = 0;
                        while (n < 2 && i + 1 < s.Length && char.IsAsciiHexDigit(s[i + 1]))
                        {
                            value = (value * 16) + Convert.ToInt32(s[++i].ToString(), 16);
                            n++;
                        }

                        if (n == 0)
                        {
                            throw Error("Invalid escape: \\x must be followed by a hex digit.");
                        }

                        output.Add((byte)value);
                        break;
                    }

                    case 'u' or 'U':
                    {
                        int digits = e == 'u' ? 4 : 8;
                        string hexDigits = s.Substring(i + 1, Math.Min(digits, s.Length - i - 1));
                        if (hexDigits.Length != digits || !uint.TryParse(hexDigits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out uint cp)
                            || !Rune.IsValid(cp))
                        {
                            throw Error($"Invalid escape: \\{e}{hexDigits} is not a Unicode code point.");
                        }

                        AddRune(new Rune(cp), output, utf8);
                        i += digits;
                        break;
                    }

                    default:
                        throw Error($"Invalid escape sequence \\{e} in string.");
                }
            }
        }

        private static void AddRune(Rune rune, List<byte> output, Span<byte> scratch)
        {
            int n = rune.EncodeToUtf8(scratch);
            for (int k = 0; k < n; k++)
            {
                output.Add(scratch[k]);
            }
        }
    }
}
