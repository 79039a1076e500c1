// Sentence splitting of hard-wrapped text (geo/tokenize.cpp).

#include <gtest/gtest.h>

#include "geo/tokenize.hpp"

using namespace frontmap;

namespace {

std::uint32_t sentence_of(const Tokens& tk, std::string_view text, std::string_view word) {
    for (const auto& t : tk.tokens)
        if (text.substr(t.b0, t.b1 - t.b0) == word) return t.sentence;
    ADD_FAILURE() << "no token " << word;
    return 0;
}

}  // namespace

TEST(Tokenize, WrappedLineContinuesTheSentence) {
    std::string text =
        "Russia's Ministry of Defence said on Monday that its troops had captured Pokrovsk, a road and\n"
        "rail hub in Donetsk oblast that Moscow has tried to take for more than a year, officials said.\n"
        "\n"
        "Short headline line\n"
        "Ukraine's General Staff rejected the statement and said the fighting in the city goes on.\n";
    Tokens tk = tokenize(text);
    EXPECT_EQ(sentence_of(tk, text, "and"), sentence_of(tk, text, "rail"));
    EXPECT_NE(sentence_of(tk, text, "officials"), sentence_of(tk, text, "Short"));
    EXPECT_NE(sentence_of(tk, text, "line"), sentence_of(tk, text, "General"));
}

TEST(Tokenize, LongLinesEachEndASentence) {
    // One paragraph per line (lines wider than any wrap width): every newline ends a sentence.
    std::string line(130, 'x');
    std::string text = "Headline without a full stop\n" + line + " and more words here\nNext";
    Tokens tk = tokenize(text);
    EXPECT_NE(sentence_of(tk, text, "stop"), sentence_of(tk, text, line));
    EXPECT_NE(sentence_of(tk, text, "here"), sentence_of(tk, text, "Next"));
}
