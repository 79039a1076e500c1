// Control claims (DESIGN, Claims): actors, stance phrases and their negations and refutations,
// attribution, co-reference ("the city", "it") and partial control, sentence by sentence.

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "geo/lexicon.hpp"
#include "geo/reader.hpp"

namespace frontmap {
namespace {

struct PlaceRef {
    std::size_t b = 0, e = 0;  // tokens
    const Place* place = nullptr;
    bool coref = false;
};

// "the Pokrovsk direction", "the Kupiansk axis": a sector of the front, not the town.
bool names_a_sector(const std::vector<Token>& t, std::size_t e, std::size_t s1) {
    if (e >= s1 || !t[e].word) return false;
    const std::string& w = t[e].lower;
    return w == "direction" || w == "directions" || w == "axis" || w == "sector" || w == "front";
}

// Words between a verb and a place that move the action off the place itself ("positions near
// X", "north of X").
bool off_target(const std::vector<Token>& t, std::size_t from, std::size_t to) {
    for (std::size_t k = from; k < to; ++k) {
        const std::string& w = t[k].lower;
        if (w == "near" || w == "outside" || w == "towards" || w == "toward" || w == "around" || w == "positions" ||
            w == "position" || w == "ground" || w == "trenches" || w == "approaches" || w == "km" ||
            w == "kilometres" || w == "kilometers" || w == "miles")
            return true;
        bool direction = w == "north" || w == "south" || w == "east" || w == "west" || w == "northeast" ||
                         w == "northwest" || w == "southeast" || w == "southwest";
        // "a village north of X" is off X; "the north of X" is a part of it
        if (direction && k + 1 < to && t[k + 1].lower == "of" && !t[k + 1].hyphen_before &&
            !(k > from && t[k - 1].lower == "the"))
            return true;
    }
    return false;
}

struct ActorRef {
    std::size_t b = 0, e = 0;
    std::string code;
    std::string text;
    bool pronoun = false;
    std::string noun;  // "the ministry": the head noun that names the party met before
};

struct Trigger {
    std::size_t b = 0, e = 0;
    std::string cls;
};

bool is_function_word(std::string_view w) {
    return w == "of" || w == "the" || w == "a" || w == "an" || w == "in" || w == "and" || w == "or" || w == "to" ||
           w == "from" || w == "at" || w == "on" || w == "near" || w == "its" || w == "their";
}

bool is_settlement_noun(std::string_view w) {
    return w == "city" || w == "town" || w == "village" || w == "settlement" || w == "stronghold" || w == "hub";
}

// "northern part of", "the eastern outskirts", "70% of", "the centre of"
std::string part_between(const std::vector<Token>& t, std::size_t from, std::size_t to) {
    static const std::map<std::string, std::string, std::less<>> kDir = {
        {"north", "north"}, {"northern", "north"}, {"south", "south"}, {"southern", "south"},
        {"east", "east"}, {"eastern", "east"}, {"west", "west"}, {"western", "west"},
        {"northeast", "north-east"}, {"northeastern", "north-east"}, {"north-east", "north-east"},
        {"northwest", "north-west"}, {"northwestern", "north-west"}, {"southeast", "south-east"},
        {"southeastern", "south-east"}, {"southwest", "south-west"}, {"southwestern", "south-west"},
        {"central", "centre"}, {"centre", "centre"}, {"center", "centre"}, {"outskirts", "outskirts"},
        {"downtown", "centre"}};
    std::string dir;
    for (std::size_t k = from; k < to; ++k) {
        const Token& tk = t[k];
        if (!tk.word) {
            if (tk.lower == "%" && k > from && t[k - 1].number) return t[k - 1].lower + "%";
            continue;
        }
        if (tk.number && k + 1 < to && (t[k + 1].lower == "percent" || t[k + 1].lower == "per"))
            return tk.lower + "%";
        std::string w = tk.lower;
        // "north-eastern" is tokenised as north + eastern with a hyphen
        if (k + 1 < to && t[k + 1].hyphen_before) {
            std::string joined = w + "-" + t[k + 1].lower;
            if (joined == "north-eastern" || joined == "north-east") w = "north-east";
            else if (joined == "north-western" || joined == "north-west") w = "north-west";
            else if (joined == "south-eastern" || joined == "south-east") w = "south-east";
            else if (joined == "south-western" || joined == "south-west") w = "south-west";
            if (w.find('-') != std::string::npos) ++k;
        }
        // "the western outskirts": the direction says more than "outskirts" for the map
        if (auto it = kDir.find(w); it != kDir.end() && !(!dir.empty() && it->second == "outskirts")) dir = it->second;
        // "the north of the town", "the centre of X"
        if (!dir.empty() && k > from && t[k - 1].lower == "the" && k + 1 < to && t[k + 1].lower == "of" &&
            kDir.count(w))
            return dir;
        if ((w == "part" || w == "parts" || w == "half" || w == "side" || w == "districts" || w == "district" ||
             w == "sector" || w == "outskirts" || w == "centre" || w == "center" || w == "quarter") &&
            !dir.empty())
            return dir;
        if (w == "outskirts") return "outskirts";
    }
    return {};
}

}  // namespace

std::vector<Claim> extract_claims(std::string_view text, const Tokens& tokens, const std::vector<Mention>& mentions,
                                  const std::vector<DateMention>& dates, std::optional<Date> article_date) {
    const Lexicon& lex = Lexicon::get();
    const auto& t = tokens.tokens;
    const std::size_t n = t.size();
    std::vector<Claim> claims;
    if (n == 0) return claims;

    // Sentence ranges.
    std::vector<std::pair<std::size_t, std::size_t>> sentences;
    for (std::size_t i = 0; i < n;) {
        std::size_t j = i;
        while (j < n && t[j].sentence == t[i].sentence) ++j;
        sentences.emplace_back(i, j);
        i = j;
    }

    // Matches one phrase at token i; returns the token after it, or 0. Quotes inside a phrase are
    // skipped (had “significantly improved” its position); "*" stands for one to three words
    // ("pushed * back": pushed the Russians back, pushed Russian units back).
    auto phrase_end = [&](const Phrase& ph, std::size_t i, std::size_t end) -> std::size_t {
        auto rec = [&](auto& self, std::size_t w, std::size_t k) -> std::size_t {
            if (w == ph.words.size()) return k;
            while (w > 0 && k < end && !t[k].word && (t[k].lower == "\"" || t[k].lower == "'")) ++k;
            if (k >= end) return 0;
            if (ph.words[w] == "*") {
                for (std::size_t gap = 1; gap <= 3 && k + gap <= end; ++gap) {
                    if (!t[k + gap - 1].word) break;
                    if (std::size_t r = self(self, w + 1, k + gap)) return r;
                }
                return 0;
            }
            if (!t[k].word || t[k].lower != ph.words[w]) return 0;
            return self(self, w + 1, k + 1);
        };
        return rec(rec, 0, i);
    };
    struct PhraseMatch {
        const Phrase* phrase = nullptr;
        std::size_t end = 0;
    };
    auto match_at = [&](const std::vector<Phrase>& phrases,
                        const std::unordered_map<std::string, std::vector<std::size_t>>& first, std::size_t i,
                        std::size_t end) -> PhraseMatch {
        if (!t[i].word) return {};
        auto it = first.find(t[i].lower);
        if (it == first.end()) return {};
        for (std::size_t idx : it->second)  // longest first (phrases are sorted)
            if (std::size_t e = phrase_end(phrases[idx], i, end)) return {&phrases[idx], e};
        return {};
    };
    auto match_phrase = [&](const std::vector<Phrase>& phrases,
                            const std::unordered_map<std::string, std::vector<std::size_t>>& first, std::size_t i,
                            std::size_t end) -> const Phrase* { return match_at(phrases, first, i, end).phrase; };
    auto force_noun_at = [&](std::size_t i, std::size_t end) -> std::size_t {  // returns end or 0
        std::size_t best = 0;
        for (const auto& ph : lex.force_nouns) {
            if (i + ph.words.size() > end) continue;
            bool ok = true;
            for (std::size_t w = 0; w < ph.words.size() && ok; ++w)
                if (!t[i + w].word || t[i + w].lower != ph.words[w]) ok = false;
            if (ok) best = std::max(best, i + ph.words.size());
        }
        return best;
    };
    auto span_text = [&](std::size_t b, std::size_t e) {
        return std::string(text.substr(t[b].b0, t[e - 1].b1 - t[b].b0));
    };

    const Place* last_city = nullptr;
    std::size_t mi = 0;
    std::string prev_subject_code, prev_subject_text;
    std::vector<std::pair<std::string, std::string>> named_before;  // parties named so far: code, text
    std::optional<Claim> last_capture_claim;
    std::uint32_t last_capture_sentence = 0;

    for (const auto& sentence : sentences) {
        // Plain copies, not structured bindings: lambdas below capture them (clang < 16 cannot
        // capture a structured binding, and the fuzz build uses clang).
        const auto s0 = sentence.first, s1 = sentence.second;
        // Places (cities, regions, landmarks) and co-referring noun phrases.
        std::vector<PlaceRef> places;
        while (mi < mentions.size() && mentions[mi].tok_begin < s0) ++mi;
        std::size_t mj = mi;
        for (std::size_t k = s0; k < s1; ++k) {
            while (mj < mentions.size() && mentions[mj].tok_begin < k) ++mj;
            if (mj < mentions.size() && mentions[mj].tok_begin == k) {
                const Mention& m = mentions[mj];
                // A place named as a party ("Moscow's claim", "Kyiv said") is not what a claim is about.
                // A possessive town is still a place ("Chasiv Yar's western outskirts"); a possessive
                // country, capital or government is a party ("Moscow's claim", "Russia's army").
                bool as_actor = t[m.tok_end - 1].possessive && m.place.kind == PlaceKind::country;
                if (const Phrase* ph = match_phrase(lex.actors, lex.actor_first, m.tok_begin, s1))
                    as_actor = as_actor || ph->type == "capital" || ph->type == "government" ||
                               (t[m.tok_end - 1].possessive && ph->type == "country");
                if (!as_actor && names_a_sector(t, m.tok_end, s1) && m.place.kind == PlaceKind::city)
                    last_city = &m.place;  // "the town" later still means it
                if (!as_actor && !names_a_sector(t, m.tok_end, s1) &&
                    (m.place.kind == PlaceKind::city || m.place.kind == PlaceKind::region ||
                     m.place.kind == PlaceKind::landmark)) {
                    places.push_back({m.tok_begin, m.tok_end, &m.place, false});
                    if (m.place.kind == PlaceKind::city) last_city = &m.place;
                }
                continue;
            }
            // "the city", "the strategically important city" (not "the city of X")
            if (t[k].word && t[k].lower == "the" && last_city) {
                std::size_t h = k + 1;
                // only modifiers between: "the strategically important city", not "the centre of the city"
                while (h < s1 && h < k + 4 && t[h].word && !t[h].upper && !is_settlement_noun(t[h].lower) &&
                       !is_function_word(t[h].lower))
                    ++h;
                if (h < s1 && t[h].word && is_settlement_noun(t[h].lower) &&
                    !(h + 1 < s1 && t[h + 1].lower == "of") && !(h + 1 < s1 && t[h + 1].upper)) {
                    places.push_back({k, h + 1, last_city, true});
                    k = h;
                }
            }
        }
        // Actors.
        std::vector<ActorRef> actors;
        for (std::size_t k = s0; k < s1; ++k) {
            if (!t[k].word) continue;
            const std::string& w = t[k].lower;
            if (w == "it" || w == "its" || w == "they" || w == "their") {
                ActorRef a{k, k + 1, "", "", true, {}};
                if (std::size_t fe = force_noun_at(k + 1, s1)) a.e = fe;
                actors.push_back(a);
                continue;
            }
            // "The ministry said", "the General Staff added": a force noun with "the" and no country
            // speaks for the subject named before, like a pronoun ("the military in Kyiv" is named).
            if (w == "the" && k + 1 < s1) {
                if (std::size_t fe = force_noun_at(k + 1, s1)) {
                    const std::string next = fe < s1 ? t[fe].lower : std::string();
                    bool named_after = (next == "in" || next == "of" || next == "for") && fe + 1 < s1 && t[fe + 1].upper;
                    if (!named_after && !match_phrase(lex.actors, lex.actor_first, k + 1, s1)) {
                        actors.push_back(ActorRef{k, fe, "", "", true, t[fe - 1].lower});
                        k = fe - 1;
                        continue;
                    }
                }
            }
            // A dateline ("KYIV, March 14 -") says where the report was filed, not who speaks.
            if (t[k].all_caps && k == s0 && k + 1 < s1 && t[k + 1].lower == ",") continue;
            const Phrase* ph = match_phrase(lex.actors, lex.actor_first, k, s1);
            if (!ph) continue;
            // "the Kyiv School of Economics", "Kyiv Independent": an organisation, not the capital
            if (std::size_t e = k + ph->words.size(); e < s1 && t[e].word && t[e].upper && !t[k].possessive &&
                                                        lex.org_words.count(t[e].lower)) {
                k = e;
                continue;
            }
            std::size_t e = k + ph->words.size();
            // Extend to a force noun: "Russia's Ministry of Defence", "Ukrainian forces",
            // "Ukraine's eastern military command".
            std::size_t fe = 0;
            // Words between only after a possessive or a demonym ("Ukraine's eastern military
            // command", "Russian airborne troops"), never a verb ("Kyiv said its forces").
            const bool may_skip = t[e - 1].possessive || ph->type == "demonym";
            for (std::size_t skip = 0; skip <= 2 && e + skip < s1 && !fe; ++skip) {
                if (skip > 0 && (!may_skip || !t[e + skip - 1].word || t[e + skip - 1].upper)) break;
                fe = force_noun_at(e + skip, s1);
            }
            // "the Russians hold only the eastern part": a people named in the plural is a party
            bool demonym = ph->type == "demonym" && !(t[k].lower.back() == 's' && k > s0 && t[k - 1].lower == "the");
            if (demonym && !fe) {
                k = e - 1;
                continue;  // "Russian territories", "Ukrainian sovereignty": not an actor
            }
            // "pro-Russian": a modifier, not a party
            if (t[k].hyphen_before) {
                k = e - 1;
                continue;
            }
            ActorRef a{k, fe ? fe : e, ph->value, "", false, {}};
            // "the military in Kyiv"
            if (!fe && k >= s0 + 3 && t[k - 1].lower == "in") {
                for (std::size_t b = k - 2; b + 4 >= k && b > s0; --b) {
                    if (force_noun_at(b, k - 1) == k - 1) {
                        a.b = (b > s0 && t[b - 1].lower == "the") ? b - 1 : b;
                        break;
                    }
                }
            }
            a.text = span_text(a.b, a.e);
            // drop a possessive ending from the text ("Russia’s" -> "Russia")
            if (a.e == e && t[e - 1].possessive) a.text = std::string(text.substr(t[a.b].b0, t[e - 1].base_b1 - t[a.b].b0));
            actors.push_back(a);
            k = a.e - 1;
        }
        // The sentence subject: its first named actor (or the previous sentence's). A sentence that
        // opens with a pronoun speaker ("Its spokesman said", "They said") continues the previous
        // sentence's subject: the spokesman speaks for the General Staff named before.
        std::string subj_code = prev_subject_code, subj_text = prev_subject_text;
        bool pronoun_speaker = false;
        if (!actors.empty() && actors.front().pronoun && !prev_subject_code.empty()) {
            const ActorRef& a = actors.front();
            const std::string next = a.e < s1 ? t[a.e].lower : std::string();
            pronoun_speaker = a.e > a.b + 1 || next == "said" || next == "says" || next == "added" ||
                              next == "reported" || next == "stated" || next == "claimed" || next == "denied";
        }
        // "The ministry said": the latest party named before whose name has that noun (Russia's
        // Defence Ministry), else the previous subject.
        auto by_noun = [&](const std::string& noun) -> const std::pair<std::string, std::string>* {
            std::size_t looked = 0;  // the recent parties only: the cost stays linear in the text
            for (auto it = named_before.rbegin(); it != named_before.rend() && looked < 64; ++it, ++looked) {
                std::string low = it->second;
                for (char& c : low) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
                if (low.find(noun) != std::string::npos) return &*it;
            }
            return nullptr;
        };
        if (pronoun_speaker && !actors.front().noun.empty())
            if (const auto* hit = by_noun(actors.front().noun)) {
                subj_code = hit->first;
                subj_text = hit->second;
            }
        if (!pronoun_speaker)
            for (const auto& a : actors)
                if (!a.pronoun) {
                    subj_code = a.code;
                    subj_text = a.text;
                    break;
                }
        // "its" speaks for the subject (an organisation); "they", "their", "them" for the last
        // group named before in the sentence ("Russian troops had been driven out of X, which they
        // had captured"), else the subject too.
        for (std::size_t ai = 0; ai < actors.size(); ++ai) {
            ActorRef& a = actors[ai];
            if (!a.pronoun) continue;
            a.code = subj_code;
            a.text = subj_text;
            const std::string& w = t[a.b].lower;
            if (w != "they" && w != "their" && w != "them") continue;
            for (std::size_t bi = ai; bi > 0; --bi) {
                const ActorRef& g = actors[bi - 1];
                if (g.pronoun || g.code.empty()) continue;
                if (t[g.e - 1].lower.back() == 's') {  // a plural head: troops, forces, officials
                    a.code = g.code;
                    a.text = g.text;
                }
                break;
            }
        }
        // Triggers.
        std::vector<Trigger> triggers;
        for (std::size_t k = s0; k < s1; ++k) {
            PhraseMatch pm = match_at(lex.stances, lex.stance_first, k, s1);
            if (!pm.phrase) continue;
            triggers.push_back({k, pm.end, pm.phrase->value});
            k = pm.end - 1;
        }
        // Clause boundaries.
        std::vector<std::size_t> clause(s1 - s0, 0);
        {
            std::size_t c = 0;
            for (std::size_t k = s0; k < s1; ++k) {
                const std::string& w = t[k].lower;
                bool boundary = false;
                if (!t[k].word && (w == ";" || w == ":")) boundary = true;
                if (t[k].word && (w == "which" || w == "while" || w == "but" || w == "whereas" || w == "although" ||
                                  w == "though" || w == "who" || w == "where" || w == "when" || w == "because"))
                    boundary = true;
                // "since Bakhmut was captured" opens a clause; "since 2014" is a date
                if (t[k].word && w == "since" && k + 1 < s1 && !t[k + 1].number && t[k + 1].upper &&
                    !(t[k + 1].lower.size() >= 3 && (t[k + 1].lower == "january" || t[k + 1].lower == "february" ||
                                                      t[k + 1].lower == "march" || t[k + 1].lower == "april" ||
                                                      t[k + 1].lower == "may" || t[k + 1].lower == "june" ||
                                                      t[k + 1].lower == "july" || t[k + 1].lower == "august" ||
                                                      t[k + 1].lower == "september" || t[k + 1].lower == "october" ||
                                                      t[k + 1].lower == "november" || t[k + 1].lower == "december")))
                    boundary = true;
                if (t[k].word && w == "and" && k > s0 && t[k - 1].lower == ",") boundary = true;
                if (boundary) ++c;
                clause[k - s0] = c;
            }
        }
        auto clause_of = [&](std::size_t k) { return clause[std::min(k, s1 - 1) - s0]; };
        // A capitalised word that is no place, party or date: the name of a place the gazetteer
        // lacks ("seized Zelene Pole and are advancing on Velyka Novosilka"); what follows it is
        // not the verb's object.
        auto unknown_name_at = [&](std::size_t k) {
            if (!t[k].word || !t[k].upper || t[k].number || k == s0) return false;
            for (const auto& p : places)
                if (k >= p.b && k < p.e) return false;
            for (const auto& d : dates)
                if (k >= d.tok_begin && k < d.tok_end) return false;
            return !lex.actor_first.count(t[k].lower) && !lex.stopwords.count(t[k].lower);
        };
        auto place_after = [&](std::size_t from, std::size_t window) -> const PlaceRef* {
            for (const auto& p : places)
                if (p.b >= from && p.b - from <= window && clause_of(p.b) == clause_of(from > s0 ? from - 1 : from)) {
                    for (std::size_t k = from; k < p.b; ++k)
                        if (unknown_name_at(k)) return nullptr;
                    return &p;
                }
            return nullptr;
        };
        auto actor_before = [&](std::size_t k, bool same_clause) -> const ActorRef* {
            const ActorRef* best = nullptr;
            for (const auto& a : actors)
                if (a.e <= k && !a.code.empty() && (!same_clause || clause_of(a.b) == clause_of(k))) best = &a;
            return best;
        };
        auto date_for = [&](std::size_t k) -> std::optional<Date> {
            const DateMention* same = nullptr;
            const DateMention* earlier = nullptr;
            for (const auto& d : dates) {
                if (d.tok_begin < s0 || d.tok_begin >= s1) continue;
                if (clause_of(d.tok_begin) == clause_of(k)) {
                    if (!same || (d.tok_begin > k ? d.tok_begin - k : k - d.tok_begin) <
                                     (same->tok_begin > k ? same->tok_begin - k : k - same->tok_begin))
                        same = &d;
                } else if (d.tok_begin < k && !d.since) {  // "since January" dates only its own clause
                    earlier = &d;
                }
            }
            if (same) return same->date;
            if (earlier) return earlier->date;
            return article_date;
        };
        auto emit = [&](const PlaceRef& p, const std::string& actor, const std::string& stance, std::string part,
                        std::string attributed, std::size_t eb, std::size_t ee, std::size_t at, double conf) {
            Claim c;
            c.place = *p.place;
            c.actor = actor;
            c.stance = stance;
            c.part = std::move(part);
            c.claim_date = date_for(at);
            c.attributed_to = std::move(attributed);
            eb = std::max(eb, s0);
            ee = std::min(ee, s1);
            c.evidence_start = t[eb].c0;
            c.evidence_end = t[ee - 1].c1;
            c.evidence_byte_start = t[eb].b0;
            c.evidence_byte_end = t[ee - 1].b1;
            c.evidence_text = std::string(text.substr(c.evidence_byte_start, c.evidence_byte_end - c.evidence_byte_start));
            c.confidence = conf * (p.coref ? 0.85 : 1.0);
            claims.push_back(std::move(c));
        };
        // "the villages of Novoivanivka and Pishchane": a claim about the first place of a list holds
        // for the others.
        auto conjuncts = [&](const PlaceRef& p) {
            std::vector<const PlaceRef*> out;
            std::size_t end = p.e;
            for (const auto& q : places) {
                if (q.b <= p.b) continue;
                bool joined = q.b > end && q.b - end <= 2;
                for (std::size_t k = end; joined && k < q.b; ++k)
                    if (!(t[k].lower == "and" || t[k].lower == "," || t[k].lower == "or")) joined = false;
                if (!joined) break;
                out.push_back(&q);
                end = q.e;
            }
            return out;
        };
        auto emit_all = [&](const PlaceRef& p, const std::string& actor, const std::string& stance, const std::string& part,
                            const std::string& attributed, std::size_t eb, std::size_t ee, std::size_t at, double conf) {
            emit(p, actor, stance, part, attributed, eb, ee, at, conf);
            for (const PlaceRef* q : conjuncts(p)) emit(*q, actor, stance, part, attributed, eb, std::max(ee, q->e), at, conf);
        };
        auto modifier_before = [&](const Trigger& tr, const char* cls, std::size_t within) {
            for (const auto& o : triggers)
                if (o.cls == cls && o.e <= tr.b && tr.b - o.e <= within && clause_of(o.b) == clause_of(tr.b)) return true;
            return false;
        };
        auto is_bare = [&](const Trigger& tr) {
            const std::string& w = t[tr.b].lower;
            return tr.e - tr.b == 1 && (w == "hold" || w == "holds" || w == "held" || w == "control" ||
                                        w == "controls" || w == "took" || w == "taken" || w == "left" ||
                                        w == "capture" || w == "captures" || w == "occupy" || w == "occupied");
        };

        // "Russia said it had captured X. Kyiv denied the claim.": a denial with no capture of its own
        // refutes the capture claimed in the previous sentence.
        bool has_capture = false;
        for (const auto& tr : triggers)
            if (tr.cls == "capture") has_capture = true;
        if (!has_capture && last_capture_claim && last_capture_sentence + 1 == t[s0].sentence) {
            for (const auto& tr : triggers) {
                if (tr.cls != "deny") continue;
                const ActorRef* denier = actor_before(tr.b, true);
                if (!denier) denier = actor_before(tr.b, false);
                if (!denier || denier->code.empty() || denier->code == last_capture_claim->actor) break;
                Claim c = *last_capture_claim;
                c.stance = "denies_control";
                c.attributed_to = denier->text;
                c.claim_date = article_date;
                std::size_t eb = denier->b, ee = std::min(s1, tr.e + 3);
                c.evidence_start = t[eb].c0;
                c.evidence_end = t[ee - 1].c1;
                c.evidence_byte_start = t[eb].b0;
                c.evidence_byte_end = t[ee - 1].b1;
                c.evidence_text = std::string(text.substr(c.evidence_byte_start, c.evidence_byte_end - c.evidence_byte_start));
                c.confidence = 0.7;
                claims.push_back(std::move(c));
                break;
            }
        }
        const std::size_t claims_before = claims.size();

        // "the Russian-occupied city of Melitopol", "Ukrainian-held Kupiansk": the adjective says
        // who holds the place it qualifies.
        for (std::size_t k = s0; k + 1 < s1; ++k) {
            const std::string& v = t[k + 1].lower;
            if (!t[k + 1].hyphen_before || !(v == "held" || v == "occupied" || v == "controlled")) continue;
            const Phrase* ph = match_phrase(lex.actors, lex.actor_first, k, k + 1);
            if (!ph || ph->type != "demonym") continue;
            for (const auto& p : places) {
                if (p.b < k + 2 || p.b > k + 6) continue;
                bool only_nouns = true;  // "city of", "front-line town of", "the"
                for (std::size_t j = k + 2; j < p.b; ++j)
                    if (!t[j].word || t[j].upper) only_nouns = false;
                if (only_nouns && !p.coref)
                    emit_all(p, ph->value, "holds", "", "the article's narration", k, p.e, k, 0.7);
                break;
            }
        }

        for (const auto& tr : triggers) {
            const std::string& cls = tr.cls;
            if (cls == "capture") {
                bool attempted = modifier_before(tr, "attempt", 3);
                bool negated = modifier_before(tr, "negate", 3);
                const PlaceRef* target = nullptr;
                PlaceRef pronoun_target;
                bool pronoun_obj = (tr.e < s1 && (t[tr.e].lower == "it" || t[tr.e].lower == "them")) ||
                                   (tr.b > s0 && t[tr.b - 1].lower == "its" && t[tr.b].lower == "capture");
                if (pronoun_obj) {
                    for (const auto& p : places)
                        if (p.e <= tr.b) target = &p;
                    if (!target && last_city) {
                        pronoun_target = {tr.b, tr.e, last_city, true};
                        target = &pronoun_target;
                    } else if (target) {
                        pronoun_target = *target;
                        pronoun_target.coref = true;
                        target = &pronoun_target;
                    }
                } else {
                    // "taken the village of X": the noun phrase naming the kind of place does not count
                    // against a bare verb's short reach
                    std::size_t from = tr.e;
                    if (from + 2 < s1 && t[from].lower == "the" && is_settlement_noun(t[from + 1].lower) &&
                        t[from + 2].lower == "of")
                        from += 3;
                    else if (from + 2 < s1 && t[from].lower == "the" &&
                             (t[from + 1].lower == "villages" || t[from + 1].lower == "towns" ||
                              t[from + 1].lower == "settlements") &&
                             t[from + 2].lower == "of")
                        from += 3;
                    target = place_after(from, is_bare(tr) ? 2 : 10);
                    if (target && from != tr.e && target->b < from) target = nullptr;
                }
                if (!target) {
                    // "Kupiansk, which Russia claimed to have conquered"; "Avdiivka was captured"
                    // The nearest place before, preferring a settlement over the region it lies in
                    // ("Bakhmut, the town in the Donetsk region that Russian forces captured").
                    const PlaceRef* before = nullptr;
                    const PlaceRef* city_before = nullptr;
                    for (const auto& p : places) {
                        if (p.e > tr.b) continue;
                        before = &p;
                        if (p.place->kind == PlaceKind::city && tr.b - p.e <= 12) city_before = &p;
                    }
                    if (before && city_before && before != city_before && before->place->kind == PlaceKind::region)
                        before = city_before;
                    if (before && tr.b - before->e <= 12) {
                        bool rel = false;
                        for (std::size_t k = before->e; k < tr.b; ++k) {
                            const std::string& w = t[k].lower;
                            if (w == "which" || w == "that" || w == "was" || w == "were" || w == "been" ||
                                w == "had" || w == "has" || w == "have")
                                rel = true;
                        }
                        // "Vovchansk fell to Russian forces": the place is the verb's subject
                        const std::string& v = t[tr.b].lower;
                        if ((v == "fell" || v == "fallen") && tr.b - before->e <= 3) rel = true;
                        // "a village north of Pokrovsk fell": the village fell, not Pokrovsk
                        std::size_t lead = before->b >= s0 + 3 ? before->b - 3 : s0;
                        if (rel && !before->coref && off_target(t, lead, before->b)) rel = false;
                        if (rel) target = before;
                    }
                }
                if (!target) continue;
                // The capturer: "by X" after a passive, else the nearest actor before in the clause.
                const ActorRef* capt = nullptr;
                if (tr.e + 1 < s1 && t[tr.e].lower == "by")
                    for (const auto& a : actors)
                        if (a.b == tr.e + 1 || a.b == tr.e + 2) capt = &a;
                std::size_t actor_limit = (tr.b > s0 && t[tr.b - 1].lower == "its") ? tr.b - 1 : tr.b;
                // "the town had fallen": the place is the subject, the taker is the other side of
                // whoever reports it, unless named ("fell to Russian forces").
                ActorRef other;
                const std::string& verb = t[tr.b].lower;
                bool intransitive = verb == "fell" || verb == "fallen" || verb == "fall";
                if (intransitive) {
                    bool to = t[tr.e - 1].lower == "to" || (tr.e < s1 && t[tr.e].lower == "to");
                    if (to)
                        for (const auto& a : actors)
                            if (a.b >= tr.e && a.b <= tr.e + 2 && !capt) capt = &a;
                    // Who reports it (an actor before the verb, or the previous sentence's subject)
                    // is the side that lost it; an actor only after it ("the fall of X gave Moscow
                    // its biggest gain") is the side that won it.
                    const ActorRef* reporter = nullptr;
                    const ActorRef* after = nullptr;
                    const ActorRef* fighter = nullptr;  // "Wagner fighters fought in X before the city fell"
                    for (const auto& a : actors) {
                        if (a.code.empty()) continue;
                        if (a.e <= tr.b && !reporter && !fighter) {
                            bool speaks = false;
                            for (std::size_t k = a.e; k < std::min(a.e + 3, tr.b); ++k) {
                                const std::string& w = t[k].lower;
                                speaks = speaks || w == "said" || w == "says" || w == "admitted" || w == "acknowledged" ||
                                         w == "confirmed" || w == "reported" || w == "conceded" || w == "announced";
                            }
                            bool fights = false;
                            for (const auto& o : triggers)
                                fights = fights || (o.b >= a.e && o.b <= a.e + 2 &&
                                                    (o.cls == "contest" || o.cls == "advance" || o.cls == "capture"));
                            if (speaks || !fights) reporter = &a;
                            else fighter = &a;
                        }
                        if (a.b >= tr.e && !after) after = &a;
                    }
                    if (!capt && !reporter && fighter) capt = fighter;
                    std::string lost = reporter ? reporter->code : std::string();
                    if (!capt && lost.empty() && after) capt = after;
                    if (!capt && lost.empty()) lost = prev_subject_code;
                    if (!capt && (lost == "UA" || lost == "RU")) {
                        other = ActorRef{tr.b, tr.e, lost == "UA" ? "RU" : "UA", "", false, {}};
                        other.text = other.code == "RU" ? "Russia" : "Ukraine";
                        capt = &other;
                    }
                }
                // "Kyiv has not commented on the reported capture of X": a hedged capture named by a
                // party that only comments on it is the other side's
                ActorRef hedged_other;
                if (!capt && tr.b > s0 && tr.e - tr.b >= 2) {
                    const std::string& h = t[tr.b - 1].lower;
                    if (h == "reported" || h == "alleged" || h == "claimed" || h == "purported" || h == "supposed") {
                        const ActorRef* a = actor_before(tr.b, true);
                        if (a && (a->code == "RU" || a->code == "UA")) {
                            hedged_other = ActorRef{tr.b, tr.e, a->code == "RU" ? "UA" : "RU", "", false, {}};
                            hedged_other.text = "unattributed reports";
                            capt = &hedged_other;
                        }
                    }
                }
                if (!capt) capt = actor_before(actor_limit, true);
                if (!capt) capt = actor_before(actor_limit, false);
                if (!capt || capt->code.empty()) continue;
                std::size_t eb = std::min({capt->b, tr.b, target->b}), ee = std::max({capt->e, tr.e, target->e});
                if (!pronoun_obj && target->b >= tr.e && off_target(t, tr.e, target->b)) {
                    // "captured positions near X", "took a village north of X": progress towards X
                    emit_all(*target, capt->code, "advancing", "", subj_text.empty() ? capt->text : subj_text, eb, ee,
                             tr.b, 0.6);
                    continue;
                }
                if (attempted) {
                    emit_all(*target, capt->code, "contested", "", subj_text.empty() ? capt->text : subj_text, eb, ee, tr.b, 0.6);
                    continue;
                }
                if (negated) {
                    emit_all(*target, capt->code, "denies_control", "", subj_text.empty() ? capt->text : subj_text, eb, ee,
                         tr.b, 0.7);
                    continue;
                }
                // Refuted? A denial earlier in the same clause.
                const Trigger* denial = nullptr;
                for (const auto& o : triggers)
                    if (o.cls == "deny" && o.e <= tr.b && tr.b - o.e <= 12 && clause_of(o.b) == clause_of(tr.b))
                        denial = &o;
                // Who says so: the actor before a "claim" word in this clause, else the subject.
                std::string says = subj_text.empty() ? capt->text : subj_text;
                bool claimant_named = false;
                if (capt == &hedged_other) says = hedged_other.text;
                for (std::size_t k = tr.b; k > s0 && k + 12 > tr.b; --k) {
                    const std::string& w = t[k - 1].lower;
                    if (clause_of(k - 1) != clause_of(tr.b)) break;
                    if (w == "claim" || w == "claims" || w == "claimed" || w == "claiming") {
                        if (const ActorRef* a = actor_before(k, false)) says = a->text;
                        if (k >= 2 && t[k - 2].possessive) says = capt->text;
                        if (k < tr.b && t[k].lower == "by")  // "a claim by Russia's Defence Ministry that ..."
                            for (const auto& a : actors)
                                if (a.b == k + 1 && !a.code.empty()) {
                                    says = a.text;
                                    claimant_named = true;
                                }
                        break;
                    }
                }
                if (denial) {
                    if (!claimant_named) says = capt->text;
                    emit_all(*target, capt->code, "claims_control", "", says, eb, ee, tr.b, 0.85);
                    const ActorRef* denier = nullptr;
                    for (const auto& a : actors)
                        if (a.e <= denial->b && denial->b - a.e <= 3 && !a.code.empty()) denier = &a;
                    std::string who = denier ? denier->text : subj_text;
                    emit_all(*target, capt->code, "denies_control", "", who, std::min(eb, denier ? denier->b : denial->b),
                         ee, tr.b, 0.85);
                } else {
                    emit_all(*target, capt->code, "claims_control", "", says, eb, ee, tr.b, 0.9);
                    // "Kyiv said its forces had retaken X, a claim Moscow rejected": a denial later in
                    // the sentence by a named party of the other side.
                    for (const auto& o : triggers) {
                        if (o.cls != "deny" || o.b < tr.e) continue;
                        const ActorRef* denier = nullptr;
                        for (const auto& a : actors)
                            if (a.e <= o.b && o.b - a.e <= 2 && a.b >= tr.e && !a.pronoun && !a.code.empty())
                                denier = &a;
                        if (!denier || denier->code == capt->code) continue;
                        emit_all(*target, capt->code, "denies_control", "", denier->text, eb, o.e, tr.b, 0.75);
                        break;
                    }
                }
            } else if (cls == "hold" || cls == "annex") {
                const PlaceRef* target = place_after(tr.e, (is_bare(tr) || cls == "annex") ? 3 : 10);
                // "holding their positions near X" holds ground near X, not X
                if (target && target->b >= tr.e && off_target(t, tr.e, target->b)) continue;
                if (!target && is_bare(tr)) {
                    // "control about 70% of Pokrovsk", "holds most of the city": only quantity words between
                    const PlaceRef* far = place_after(tr.e, 8);
                    bool only_quantity = far != nullptr;
                    for (std::size_t k = tr.e; far && k < far->b; ++k) {
                        const std::string& w = t[k].lower;
                        if (!(t[k].number || w == "%" || w == "all" || w == "most" || w == "much" || w == "nearly" ||
                              w == "almost" || w == "about" || w == "around" || w == "roughly" || w == "some" ||
                              w == "half" || w == "of" || w == "the" || w == "part" || w == "parts" ||
                              w == "percent" || w == "per" || w == "cent" || w == "still" || w == "only" ||
                              !part_between(t, k, k + 1).empty() || w == "northern" || w == "southern" ||
                              w == "eastern" || w == "western" || w == "central"))
                            only_quantity = false;
                    }
                    if (only_quantity) target = far;
                }
                if (!target) continue;
                const ActorRef* holder = actor_before(tr.b, true);
                if (!holder) holder = actor_before(tr.b, false);
                if (!holder || holder->code.empty()) continue;
                bool negated = modifier_before(tr, "negate", 3);
                std::string part = part_between(t, tr.e, target->b);
                if (part.empty() && t[target->e - 1].possessive)  // "Chasiv Yar's western outskirts"
                    part = part_between(t, target->e, std::min(s1, target->e + 4));
                std::size_t eb = std::min(holder->b, tr.b), ee = target->e;
                if (negated) emit_all(*target, holder->code, "denies_control", "", subj_text, eb, ee, tr.b, 0.7);
                else if (!part.empty()) emit_all(*target, holder->code, "holds_part", part, subj_text, eb, ee, tr.b, 0.85);
                else emit_all(*target, holder->code, "holds", "", subj_text.empty() ? holder->text : subj_text, eb, ee, tr.b,
                          0.8);
            } else if (cls == "advance") {
                const PlaceRef* target = place_after(tr.e, 10);
                if (!target) continue;
                const ActorRef* mover = actor_before(tr.b, true);
                if (!mover) mover = actor_before(tr.b, false);
                if (!mover || mover->code.empty()) continue;
                emit_all(*target, mover->code, "advancing", "", subj_text.empty() ? mover->text : subj_text,
                     std::min(mover->b, tr.b), target->e, tr.b, 0.75);
            } else if (cls == "contest") {
                const PlaceRef* target = place_after(tr.e, 10);
                if (!target) continue;
                // "after months of fighting, giving Moscow its biggest gain since the capture of
                // Bakhmut": fighting is about a place in its own phrase, not one past a comma
                bool comma = false;
                for (std::size_t k = tr.e; k < target->b; ++k) comma = comma || t[k].lower == ",";
                if (comma) continue;
                const ActorRef* attacker = nullptr;
                for (const auto& a : actors)
                    if (a.b >= tr.e && a.e <= target->b && !a.pronoun) attacker = &a;
                ActorRef repelled_side;
                if (!attacker) {  // "Russian forces stormed X" (not the speaker of a long report sentence)
                    const ActorRef* a = actor_before(tr.b, true);
                    if (a && tr.b - a->e <= 4) attacker = a;
                    // "Ukrainian forces repelled an assault on Lyman": the other side attacked
                    for (std::size_t k = a ? a->e : tr.b; attacker && k < tr.b; ++k) {
                        const std::string& w = t[k].lower;
                        if ((w == "repelled" || w == "repulsed" || w == "repel" || w == "repulse" || w == "thwarted" ||
                             w == "foiled" || w == "fended" || w == "halted") &&
                            (attacker->code == "RU" || attacker->code == "UA")) {
                            repelled_side = ActorRef{attacker->b, attacker->e, attacker->code == "RU" ? "UA" : "RU", "",
                                                     false, {}};
                            repelled_side.text = attacker->text;
                            attacker = &repelled_side;
                            break;
                        }
                    }
                }
                if (!attacker)  // "Fighting continues in X, where Russian assault groups entered..."
                    for (const auto& a : actors) {
                        if (a.b < target->e || a.pronoun || attacker) continue;
                        // only a party that attacks there, not one that holds ("where Ukrainian
                        // troops hold the western part")
                        for (const auto& o : triggers)
                            if (o.b >= a.e && o.b <= a.e + 3 &&
                                (o.cls == "contest" || o.cls == "advance" || o.cls == "capture"))
                                attacker = &a;
                        break;
                    }
                if (!attacker || attacker->code.empty()) continue;
                emit_all(*target, attacker->code, "contested", "", subj_text.empty() ? attacker->text : subj_text,
                     std::min(attacker->b, tr.b), target->e, tr.b, 0.6);
            } else if (cls == "under") {
                // "Kostiantynivka remains under Ukrainian control", "the town, which is still under
                // Russian control": the place before the phrase, the party named inside it.
                const PlaceRef* target = nullptr;
                for (const auto& p : places)
                    if (p.e <= tr.b && tr.b - p.e <= 5) target = &p;
                if (!target) continue;
                bool direct = true;  // only a relative word, a copula and adverbs between
                for (std::size_t k = target->e; k < tr.b; ++k) {
                    const std::string& w = t[k].lower;
                    if (!(w == "," || w == "which" || w == "that" || w == "is" || w == "was" || w == "are" ||
                          w == "were" || w == "has" || w == "have" || w == "had" || w == "been" || w == "still" ||
                          w == "now" || w == "firmly" || w == "remains" || w == "remained" || w == "stays" ||
                          w == "stayed" || w == "largely" || w == "fully" || w == "not" || w == "no" ||
                          w == "longer"))
                        direct = false;
                }
                if (!direct) continue;
                std::string party, party_name;
                for (std::size_t k = tr.b; k < tr.e && party.empty(); ++k)
                    if (const Phrase* ph = match_phrase(lex.actors, lex.actor_first, k, tr.e)) {
                        party = ph->value;
                        party_name = party == "RU" ? "Russia" : party == "UA" ? "Ukraine" : party;
                    }
                if (party.empty()) continue;
                bool negated = false;
                for (std::size_t k = target->e; k < tr.b; ++k)
                    if (t[k].lower == "not" || t[k].lower == "longer") negated = true;
                emit_all(*target, party, negated ? "denies_control" : "holds", "", subj_text.empty() ? party_name : subj_text,
                         target->b, tr.e, tr.b, negated ? 0.7 : 0.8);
            } else if (cls == "withdraw") {
                const PlaceRef* target = place_after(tr.e, is_bare(tr) ? 1 : 4);
                if (!target) continue;
                const ActorRef* who = actor_before(tr.b, true);
                if (!who || who->code.empty()) continue;
                // "it had not lost the town": still holds it
                if (modifier_before(tr, "negate", 2)) {
                    emit_all(*target, who->code, "holds", "", subj_text.empty() ? who->text : subj_text, who->b,
                             target->e, tr.b, 0.65);
                    // ... and refutes the other side's claim to have taken it
                    std::string other;
                    for (const auto& c : claims)
                        if (c.stance == "claims_control" && c.actor != who->code &&
                            c.place.place_key() == target->place->place_key())
                            other = c.actor;
                    if (!other.empty())
                        emit_all(*target, other, "denies_control", "", subj_text.empty() ? who->text : subj_text, who->b,
                                 target->e, tr.b, 0.65);
                } else
                    emit_all(*target, who->code, "denies_control", "", subj_text.empty() ? who->text : subj_text, who->b,
                             target->e, tr.b, 0.75);
            } else if (cls == "claim_place") {
                // "Russia claimed Myrnohrad on Saturday": the place right after the verb
                const PlaceRef* target = nullptr;
                for (const auto& p : places)
                    if (p.b == tr.e && !p.coref) target = &p;
                if (!target) continue;
                const ActorRef* who = actor_before(tr.b, true);
                if (!who || who->code.empty()) continue;
                emit_all(*target, who->code, "claims_control", "", who->text, who->b, target->e, tr.b, 0.8);
            }
        }
        for (std::size_t k = claims_before; k < claims.size(); ++k) {
            if (claims[k].stance == "claims_control") {
                last_capture_claim = claims[k];
                last_capture_sentence = t[s0].sentence;
            }
        }
        prev_subject_code = subj_code;
        prev_subject_text = subj_text;
        for (const auto& a : actors)
            if (!a.pronoun && !a.code.empty()) named_before.emplace_back(a.code, a.text);
    }

    // Deduplicate: one claim per place, actor, stance and part (the first, which carries the
    // fullest attribution).
    std::vector<Claim> out;
    std::set<std::string> seen;
    for (auto& c : claims) {
        std::string k = c.place.place_key() + "|" + c.actor + "|" + c.stance + "|" + c.part;
        if (seen.insert(k).second) out.push_back(std::move(c));
    }
    return out;
}

}  // namespace frontmap
