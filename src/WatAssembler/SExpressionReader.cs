namespace Beamchain.WatAssembler;

/// <summary>Reads WebAssembly text into <see cref="SExpression"/>s, skipping <c>;;</c> and <c>(; ;)</c> comments.</summary>
public static class SExpressionReader
{
    public static IReadOnlyList<SExpression> Read(string text)
    {
        var position = new Cursor(text);
        var top = new List<SExpression>();
        while (true)
        {
            position.SkipSpaceAndComments();
            if (position.AtEnd)
            {
                return top;
            }

            top.Add(ReadOne(position));
        }
    }

    private static SExpression ReadOne(Cursor cursor)
    {
        var (line, column) = (cursor.Line, cursor.Column);
        var c = cursor.Peek();
        if (c == ')')
        {
            throw new WatException("unexpected ')'", line, column);
        }

        if (c == '(')
        {
            cursor.Next();
            var items = new List<SExpression>();
            while (true)
            {
                cursor.SkipSpaceAndComments();
                if (cursor.AtEnd)
                {
                    throw new WatException("'(' is never closed", line, column);
                }

                if (cursor.Peek() == ')')
                {
                    cursor.Next();
                    return new SExpression(null, items, line, column);
                }

                items.Add(ReadOne(cursor));
            }
        }

        if (c == '"')
        {
            var start = cursor.Index;
            cursor.Next();
            while (!cursor.AtEnd && cursor.Peek() != '"')
            {
                if (cursor.Next() == '\\' && !cursor.AtEnd)
                {
                    cursor.Next();
                }
            }

            if (cursor.AtEnd)
            {
                throw new WatException("string is never closed", line, column);
            }

            cursor.Next();
            return new SExpression(cursor.Text[start..cursor.Index], [], line, column);
        }

        var atomStart = cursor.Index;
        while (!cursor.AtEnd && !char.IsWhiteSpace(cursor.Peek()) && cursor.Peek() is not ('(' or ')' or '"' or ';'))
        {
            cursor.Next();
        }

        return new SExpression(cursor.Text[atomStart..cursor.Index], [], line, column);
    }

    private sealed class Cursor(string text)
    {
        public string Text { get; } = text;

        public int Index { get; private set; }

        public int Line { get; private set; } = 1;

        public int Column { get; private set; } = 1;

        public bool AtEnd => Index >= Text.Length;

        public char Peek() => Text[Index];

        public char Next()
        {
            var c = Text[Index++];
            if (c == '\n')
            {
                Line++;
                Column = 1;
            }
            else
            {
                Column++;
            }

            return c;
        }

        public void SkipSpaceAndComments()
        {
            while (!AtEnd)
            {
                if (char.IsWhiteSpace(Peek()))
                {
                    Next();
                }
                else if (Text.AsSpan(Index).StartsWith(";;"))
                {
                    while (!AtEnd && Peek() != '\n')
                    {
                        Next();
                    }
                }
                else if (Text.AsSpan(Index).StartsWith("(;"))
                {
                    var (line, column) = (Line, Column);
                    var depth = 0;
                    do
                    {
                        if (AtEnd)
                        {
                            throw new WatException("block comment '(;' is never closed", line, column);
                        }

                        if (Text.AsSpan(Index).StartsWith("(;"))
                        {
                            depth++;
                            Next();
                        }
                        else if (Text.AsSpan(Index).StartsWith(";)"))
                        {
                            depth--;
                            Next();
                        }

                        Next();
                    }
                    while (depth > 0);
                }
                else
                {
                    return;
                }
            }
        }
    }
}
