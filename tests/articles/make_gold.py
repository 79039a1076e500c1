#!/usr/bin/env python3
"""Writes the gold JSON of each test article from the hand annotations below: surfaces are
located in the text (code-point offsets, Nth occurrence), so the annotations stay readable.
Run from this folder after editing an article or its annotations."""
import json

C = lambda gid, country: {"kind": "city", "geonames_id": gid, "country": country}
R = lambda iso, gid=None: {"kind": "region", "iso_3166_2": iso, "geonames_id": gid}
K = lambda iso: {"kind": "country", "iso": iso}

ARTICLES = {
    "renamed-cyrillic-2025-03-12": {
        "toponyms": [("Artyomovsk", 1, C(713174, "UA")), ("Bakhmut", 1, C(713174, "UA")),
                     ("Donetsk", 1, R("UA-14", 709716)), ("Krasnoarmeysk", 1, C(704422, "UA")),
                     ("Pokrovsk", 1, C(704422, "UA")), ("Kostiantynivka", 1, C(705104, "UA")),
                     ("Покровськ", 1, C(704422, "UA")), ("Kharkov", 1, C(706483, "UA")),
                     ("Kharkiv", 1, C(706483, "UA"))],
        "claims": [{"place": "Bakhmut", "geonames_id": 713174, "actor": "RU", "stance": "claims_control",
                    "claim_date": "2023-05-01", "date_tolerance_days": 31},
                   {"place": "Krasnoarmeysk", "geonames_id": 704422, "actor": "RU", "stance": "contested",
                    "claim_date": "2025-03-12", "optional": True}],
    },
    "not-places-2025-06-20": {
        "toponyms": [("Dublin", 1, C(2964574, "IE")), ("Ireland", 1, K("IE")), ("Ukraine", 2, K("UA")),
                     ("Dublin", 2, C(5152333, "US")), ("Ohio", 1, R("US-OH", 5165418))],
        "claims": [],
    },
    "regions-2024-08-16": {
        "toponyms": [("Kursk", 1, R("RU-KRS", 538555)), ("Kursk", 2, R("RU-KRS", 538555)),
                     ("Sudzha", 1, C(486816, "RU")), ("Pokrovsk", 1, C(704422, "UA")),
                     ("Donetsk", 1, R("UA-14", 709716)), ("Donetsk", 2, C(709717, "UA")),
                     ("Russia", 1, K("RU")), ("Moscow", 1, C(524901, "RU")),
                     ("Donetsk", 3, R("UA-14", 709716)), ("Luhansk", 1, R("UA-09", 702657))],
        "claims": [{"place": "Kursk", "iso_3166_2": "RU-KRS", "actor": "UA", "stance": "advancing",
                    "claim_date": "2024-08-16", "optional": True},
                   {"place": "Pokrovsk", "geonames_id": 704422, "actor": "RU", "stance": "advancing",
                    "claim_date": "2024-08-16"},
                   {"place": "Donetsk", "geonames_id": 709717, "actor": "RU", "stance": "claims_control",
                    "claim_date": "2014-01-01", "date_tolerance_days": 366},
                   {"place": "Donetsk", "iso_3166_2": "UA-14", "actor": "RU", "stance": "claims_control",
                    "optional": True},
                   {"place": "Luhansk", "iso_3166_2": "UA-09", "actor": "RU", "stance": "claims_control",
                    "optional": True}],
    },
    "claims-2025-10-08": {
        "toponyms": [("Russia", 1, K("RU")), ("Siversk", 1, C(694403, "UA")), ("Kyiv", 1, C(703448, "UA")), ("Ukraine", 1, K("UA")),
                     ("Siversk", 2, C(694403, "UA")), ("Toretsk", 1, C(709354, "UA")),
                     ("Kostiantynivka", 1, C(705104, "UA")), ("Ukraine", 2, K("UA")),
                     ("Kupiansk", 1, C(703656, "UA")), ("Myrnohrad", 1, C(710035, "UA"))],
        "claims": [{"place": "Siversk", "geonames_id": 694403, "actor": "RU", "stance": "claims_control",
                    "claim_date": "2025-10-06", "date_tolerance_days": 0},
                   {"place": "Siversk", "geonames_id": 694403, "actor": "RU", "stance": "denies_control",
                    "claim_date": "2025-10-08", "date_tolerance_days": 2},
                   {"place": "Siversk", "geonames_id": 694403, "actor": "UA", "stance": "holds_part",
                    "part": "west", "claim_date": "2025-10-08", "date_tolerance_days": 2},
                   {"place": "Toretsk", "geonames_id": 709354, "actor": "UA", "stance": "denies_control",
                    "claim_date": "2025-10-06", "date_tolerance_days": 0},
                   {"place": "Kostiantynivka", "geonames_id": 705104, "actor": "RU", "stance": "denies_control",
                    "claim_date": "2025-10-08"},
                   {"place": "Kupiansk", "geonames_id": 703656, "actor": "UA", "stance": "advancing",
                    "claim_date": "2025-10-01", "date_tolerance_days": 0},
                   {"place": "Myrnohrad", "geonames_id": 710035, "actor": "RU", "stance": "contested",
                    "claim_date": "2025-10-08"},
                   {"place": "Myrnohrad", "geonames_id": 710035, "actor": "RU", "stance": "holds_part",
                    "part": "east", "optional": True},
                   {"place": "Myrnohrad", "geonames_id": 710035, "actor": "RU", "stance": "advancing",
                    "optional": True}],
    },
    "dates-2025-05-21": {
        "toponyms": [("Russia", 1, K("RU")), ("Bilohorivka", 1, C(712588, "UA")), ("Avdiivka", 1, C(713122, "UA")),
                     ("Russia", 2, K("RU")), ("Crimea", 1, R("UA-43", 703883)), ("Kherson", 1, C(706448, "UA")),
                     ("Moscow", 1, C(524901, "RU")), ("Chasiv Yar", 1, C(710915, "UA")),
                     ("Kyiv", 1, C(703448, "UA")), ("Velyka Novosilka", 1, C(690237, "UA")),
                     ("Russia", 3, K("RU")), ("Toretsk", 1, C(709354, "UA")), ("Ukraine", 1, K("UA")),
                     ("Lyman", 1, C(704204, "UA"))],
        "claims": [{"place": "Bilohorivka", "geonames_id": 712588, "actor": "RU", "stance": "claims_control",
                    "claim_date": "2025-05-18"},
                   {"place": "Avdiivka", "geonames_id": 713122, "actor": "RU", "stance": "claims_control",
                    "claim_date": "2024-02-17"},
                   {"place": "Crimea", "iso_3166_2": "UA-43", "actor": "RU", "stance": "holds",
                    "claim_date": "2014-01-01", "date_tolerance_days": 366},
                   {"place": "Kherson", "geonames_id": 706448, "actor": "UA", "stance": "claims_control",
                    "claim_date": "2022-11-01", "date_tolerance_days": 30},
                   {"place": "Chasiv Yar", "geonames_id": 710915, "actor": "RU", "stance": "claims_control",
                    "claim_date": "2025-05-07"},
                   {"place": "Chasiv Yar", "geonames_id": 710915, "actor": "RU", "stance": "denies_control",
                    "optional": True},
                   {"place": "Velyka Novosilka", "geonames_id": 690237, "actor": "RU", "stance": "claims_control",
                    "claim_date": "2025-05-14", "date_tolerance_days": 3},
                   {"place": "Toretsk", "geonames_id": 709354, "actor": "RU", "stance": "claims_control",
                    "claim_date": "2025-05-18"},
                   {"place": "Lyman", "geonames_id": 704204, "actor": "UA", "stance": "claims_control",
                    "claim_date": "2024-05-01", "date_tolerance_days": 31}],
    },
    "patterns-2025-09-17": {
        "toponyms": [("Russia", 1, K("RU")), ("Kupiansk", 1, C(703656, "UA")), ("Ukraine", 1, K("UA")),
                     ("Siversk", 1, C(694403, "UA")), ("Vovchansk", 1, C(689304, "UA")),
                     ("Pokrovsk", 1, C(704422, "UA")), ("Myrnohrad", 1, C(710035, "UA")),
                     ("Kostiantynivka", 1, C(705104, "UA")),
                     ("Black Sea", 1, {"kind": "landmark", "geonames_id": None, "country": "UA", "optional": True})],
        "claims": [{"place": "Kupiansk", "geonames_id": 703656, "actor": "RU", "stance": "claims_control",
                    "claim_date": "2025-09-17"},
                   {"place": "Kupiansk", "geonames_id": 703656, "actor": "RU", "stance": "denies_control",
                    "claim_date": "2025-09-17"},
                   {"place": "Siversk", "geonames_id": 694403, "actor": "RU", "stance": "claims_control",
                    "claim_date": "2025-09-10", "date_tolerance_days": 0},
                   {"place": "Vovchansk", "geonames_id": 689304, "actor": "RU", "stance": "claims_control",
                    "claim_date": "2025-05-01", "date_tolerance_days": 31},
                   {"place": "Pokrovsk", "geonames_id": 704422, "actor": "RU", "stance": "holds_part",
                    "part": "70%", "claim_date": "2025-09-17"},
                   {"place": "Myrnohrad", "geonames_id": 710035, "actor": "UA", "stance": "denies_control",
                    "claim_date": "2025-09-14", "date_tolerance_days": 0},
                   {"place": "Kostiantynivka", "geonames_id": 705104, "actor": "RU", "stance": "contested",
                    "claim_date": "2025-09-17"}],
    },
    "misspelling-2025-11-04": {
        "toponyms": [("Huliaipolle", 1, C(707898, "UA")), ("Huliaipole", 1, C(707898, "UA")),
                     ("Kramatorsk", 1, C(704508, "UA")), ("Sloviansk", 1, C(693468, "UA")),
                     ("Poland", 1, K("PL"))],
        "claims": [{"place": "Huliaipole", "geonames_id": 707898, "actor": "RU", "stance": "contested",
                    "claim_date": "2025-11-04"}],
    },
    "coref-parts-2025-07-09": {
        # hard-wrapped text; "the city/town/village" across sentences; parts (centre, 70%, east, west);
        # "Its spokesman", "The ministry", "They" speak for the subject before; "the Russians" as a party
        "toponyms": [("Ukraine", 1, K("UA")), ("Kostiantynivka", 2, C(705104, "UA")),
                     ("Druzhkivka", 1, C(616743, "UA")), ("Russia", 1, K("RU")), ("Huliaipole", 2, C(707898, "UA")),
                     ("Zaporizhzhia", 1, R("UA-23")), ("Donetsk", 1, R("UA-14")), ("Rodynske", 1, C(695581, "UA"))],
        "claims": [{"place": "Kostiantynivka", "geonames_id": 705104, "actor": "RU", "stance": "contested",
                    "claim_date": "2025-07-09"},
                   {"place": "Kostiantynivka", "geonames_id": 705104, "actor": "UA", "stance": "holds_part",
                    "part": "centre", "claim_date": "2025-07-09"},
                   {"place": "Kostiantynivka", "geonames_id": 705104, "actor": "RU", "stance": "holds_part",
                    "part": "east", "optional": True},
                   {"place": "Huliaipole", "geonames_id": 707898, "actor": "RU", "stance": "holds_part",
                    "part": "70%", "claim_date": "2025-07-09"},
                   {"place": "Huliaipole", "geonames_id": 707898, "actor": "RU", "stance": "contested",
                    "optional": True},
                   {"place": "Huliaipole", "geonames_id": 707898, "actor": "RU", "stance": "holds_part",
                    "part": "east", "claim_date": "2025-07-09", "date_tolerance_days": 2},
                   {"place": "Rodynske", "geonames_id": 695581, "actor": "RU", "stance": "contested",
                    "claim_date": "2025-07-02", "date_tolerance_days": 7},
                   {"place": "Rodynske", "geonames_id": 695581, "actor": "UA", "stance": "holds_part",
                    "part": "west", "claim_date": "2025-07-09"}],
    },
    "negations-2025-04-15": {
        # refutations (dismissed, called false), negations (have not taken, did not capture),
        # "remains under Ukrainian control", a withdrawal; one paragraph per line
        "toponyms": [("Ukraine", 1, K("UA")), ("Russia", 1, K("RU")), ("Chasiv Yar", 2, C(710915, "UA")),
                     ("Kurakhove", 2, C(695357, "UA")), ("Ukraine", 2, K("UA")),
                     ("Velyka Novosilka", 1, C(690237, "UA")), ("Moscow", 1, C(524901, "RU")),
                     ("Selydove", 2, C(694677, "UA")), ("Selydove", 3, C(694677, "UA"))],
        "claims": [{"place": "Chasiv Yar", "geonames_id": 710915, "actor": "RU", "stance": "claims_control",
                    "claim_date": "2025-04-15", "date_tolerance_days": 1},
                   {"place": "Chasiv Yar", "geonames_id": 710915, "actor": "RU", "stance": "denies_control",
                    "claim_date": "2025-04-15"},
                   {"place": "Chasiv Yar", "geonames_id": 710915, "actor": "UA", "stance": "holds",
                    "claim_date": "2025-04-15"},
                   {"place": "Chasiv Yar", "geonames_id": 710915, "actor": "RU", "stance": "contested",
                    "optional": True},
                   {"place": "Kurakhove", "geonames_id": 695357, "actor": "RU", "stance": "denies_control",
                    "claim_date": "2025-04-15"},
                   {"place": "Velyka Novosilka", "geonames_id": 690237, "actor": "UA", "stance": "denies_control",
                    "claim_date": "2025-04-01", "date_tolerance_days": 1},
                   {"place": "Selydove", "geonames_id": 694677, "actor": "RU", "stance": "claims_control",
                    "claim_date": "2025-04-13", "date_tolerance_days": 0},
                   {"place": "Selydove", "geonames_id": 694677, "actor": "RU", "stance": "denies_control",
                    "claim_date": "2025-04-15", "date_tolerance_days": 1}],
    },
    "regions-dates-2025-08-06": {
        # Kursk region vs city, Moscow as a party vs the Moscow region, Korenevo (Kursk, not Moscow
        # oblast), Dublin, Ireland; "last March", "last August", "a fortnight ago", "since 2014";
        # "Chasiv Yar's western outskirts"; a list of regions after "regions -"
        "toponyms": [("Russia", 1, K("RU")), ("Kursk", 2, R("RU-KRS", 538555)), ("Rylsk", 1, C(695019, "RU")),
                     ("Kursk", 3, C(538560, "RU")), ("Moscow", 2, C(524901, "RU")), ("Russia", 2, K("RU")),
                     ("Sudzha", 1, C(486816, "RU")), ("Ukraine", 1, K("UA")), ("Korenevo", 1, C(544906, "RU")),
                     ("Kursk", 4, R("RU-KRS", 538555)), ("Moscow", 3, R("RU-MOW")), ("Donetsk", 1, R("UA-14", 709716)),
                     ("Kyiv", 1, C(703448, "UA")), ("Moscow", 4, C(524901, "RU")), ("Dublin", 2, C(2964574, "IE")),
                     ("Chasiv Yar", 1, C(710915, "UA")), ("Russia", 3, K("RU")), ("Donetsk", 2, R("UA-14", 709716)),
                     ("Luhansk", 1, R("UA-09", 702657)), ("Zaporizhzhia", 1, R("UA-23")), ("Kherson", 1, R("UA-65"))],
        "claims": [{"place": "Sudzha", "geonames_id": 486816, "actor": "RU", "stance": "claims_control",
                    "claim_date": "2025-03-01", "date_tolerance_days": 31},
                   {"place": "Sudzha", "geonames_id": 486816, "actor": "UA", "stance": "claims_control",
                    "claim_date": "2024-08-01", "date_tolerance_days": 31},
                   {"place": "Korenevo", "geonames_id": 544906, "actor": "UA", "stance": "denies_control",
                    "claim_date": "2025-07-23", "date_tolerance_days": 1},
                   {"place": "Donetsk", "iso_3166_2": "UA-14", "actor": "RU", "stance": "holds",
                    "claim_date": "2014-01-01", "date_tolerance_days": 366},
                   {"place": "Chasiv Yar", "geonames_id": 710915, "actor": "UA", "stance": "holds_part",
                    "part": "west", "claim_date": "2025-08-06"}],
    },
    "counterclaims-2025-10-21": {
        # a denial later in the sentence ("a claim Moscow rejected as false"), "in full control of",
        # "pushed into the southern part of", "pulled out of", "80 percent of", "has controlled";
        # Wagner as a party; "before the city fell" (the fighters took it); the Kyiv School of Economics
        "toponyms": [("Kyiv", 1, C(703448, "UA")), ("Dobropillia", 1, C(709900, "UA")), ("Moscow", 1, C(524901, "RU")),
                     ("Siversk", 1, C(694403, "UA")), ("Ukraine", 1, K("UA")), ("Kupiansk", 1, C(703656, "UA")),
                     ("Kurakhove", 1, C(695357, "UA")), ("Pokrovsk", 1, C(704422, "UA")),
                     ("Moscow", 2, C(524901, "RU")), ("Crimea", 1, R("UA-43", 703883)), ("Bakhmut", 1, C(713174, "UA"))],
        "claims": [{"place": "Dobropillia", "geonames_id": 709900, "actor": "UA", "stance": "claims_control",
                    "claim_date": "2025-10-20", "date_tolerance_days": 0},
                   {"place": "Dobropillia", "geonames_id": 709900, "actor": "UA", "stance": "denies_control",
                    "claim_date": "2025-10-20", "date_tolerance_days": 1},
                   {"place": "Siversk", "geonames_id": 694403, "actor": "RU", "stance": "claims_control",
                    "claim_date": "2025-10-21"},
                   {"place": "Siversk", "geonames_id": 694403, "actor": "RU", "stance": "denies_control",
                    "claim_date": "2025-10-21"},
                   {"place": "Kupiansk", "geonames_id": 703656, "actor": "RU", "stance": "advancing",
                    "claim_date": "2025-10-21"},
                   {"place": "Kupiansk", "geonames_id": 703656, "actor": "RU", "stance": "contested",
                    "optional": True},
                   {"place": "Kurakhove", "geonames_id": 695357, "actor": "UA", "stance": "denies_control",
                    "claim_date": "2025-09-01", "date_tolerance_days": 30},
                   {"place": "Pokrovsk", "geonames_id": 704422, "actor": "RU", "stance": "holds_part",
                    "part": "80%", "claim_date": "2025-10-21"},
                   {"place": "Crimea", "iso_3166_2": "UA-43", "actor": "RU", "stance": "holds",
                    "claim_date": "2014-01-01", "date_tolerance_days": 366},
                   {"place": "Bakhmut", "geonames_id": 713174, "actor": "RU", "stance": "contested",
                    "claim_date": "2023-05-01", "date_tolerance_days": 31},
                   {"place": "Bakhmut", "geonames_id": 713174, "actor": "RU", "stance": "claims_control",
                    "claim_date": "2023-05-01", "date_tolerance_days": 31}],
    },
    "unknown-names-2025-06-12": {
        # places the gazetteer lacks (Zelene Pole, Novomykhailivka): no mention, and no claim moved
        # onto the next known name; "repelled an assault on" (the other side attacks); "in Ukrainian
        # hands"; "the Pokrovsk axis" is a sector; the Yug group and the "People's Republic" are no places;
        # "Kyiv has not commented on the reported capture of X" is the other side's capture
        "toponyms": [("Moscow", 2, C(524901, "RU")), ("Velyka Novosilka", 2, C(690237, "UA")), ("Ukraine", 1, K("UA")),
                     ("Pokrovsk", 1, C(704422, "UA")), ("Lyman", 1, C(704204, "UA")), ("Russia", 1, K("RU")),
                     ("Donetsk", 1, R("UA-14", 709716)), ("Toretsk", 1, C(709354, "UA")),
                     ("Kharkiv", 1, C(706483, "UA")), ("Donetsk", 2, R("UA-14", 709716)), ("Kyiv", 1, C(703448, "UA")),
                     ("Shcherbynivka", 1, C(694290, "UA"))],
        "claims": [{"place": "Shcherbynivka", "geonames_id": 694290, "actor": "RU", "stance": "claims_control",
                    "claim_date": "2025-06-12"},
                   {"place": "Velyka Novosilka", "geonames_id": 690237, "actor": "RU", "stance": "advancing",
                    "claim_date": "2025-06-12"},
                   {"place": "Lyman", "geonames_id": 704204, "actor": "RU", "stance": "contested",
                    "claim_date": "2025-06-12"},
                   {"place": "Lyman", "geonames_id": 704204, "actor": "UA", "stance": "holds",
                    "claim_date": "2025-06-12"},
                   {"place": "Toretsk", "geonames_id": 709354, "actor": "RU", "stance": "denies_control",
                    "claim_date": "2025-06-12"},
                   {"place": "Toretsk", "geonames_id": 709354, "actor": "RU", "stance": "contested",
                    "optional": True}],
    },
    "datelines-2025-03-14": {
        # a dateline (a place, not a speaker); "the villages of X and Y in Kursk" (the region);
        # "holding their positions near Sudzha" (no claim on Sudzha); "they" = the troops named
        # before; "had been driven out of"; a party after the place that holds, not attacks; "fell to";
        # "months of fighting, giving Moscow ... the capture of Bakhmut" (no fighting in Bakhmut)
        "toponyms": [("KYIV", 1, C(703448, "UA")), ("Russia", 2, K("RU")), ("Glushkovo", 1, C(560995, "RU")),
                     ("Khomutovka", 1, C(549617, "RU")), ("Kursk", 2, R("RU-KRS", 538555)),
                     ("Kursk", 3, R("RU-KRS", 538555)), ("Sudzha", 1, C(486816, "RU")),
                     ("Kostiantynivka", 1, C(705104, "UA")), ("Bilohorivka", 1, C(712588, "UA")),
                     ("Chasiv Yar", 1, C(710915, "UA")), ("Horlivka", 1, C(707753, "UA")),
                     ("Avdiivka", 1, C(713122, "UA")), ("Moscow", 1, C(524901, "RU")), ("Bakhmut", 1, C(713174, "UA"))],
        "claims": [{"place": "Glushkovo", "geonames_id": 560995, "actor": "RU", "stance": "claims_control",
                    "claim_date": "2025-03-14"},
                   {"place": "Khomutovka", "geonames_id": 549617, "actor": "RU", "stance": "claims_control",
                    "claim_date": "2025-03-14"},
                   {"place": "Kostiantynivka", "geonames_id": 705104, "actor": "RU", "stance": "contested",
                    "claim_date": "2025-03-14"},
                   {"place": "Bilohorivka", "geonames_id": 712588, "actor": "RU", "stance": "denies_control",
                    "claim_date": "2025-03-14"},
                   {"place": "Bilohorivka", "geonames_id": 712588, "actor": "RU", "stance": "claims_control",
                    "claim_date": "2024-09-01", "date_tolerance_days": 30},
                   {"place": "Chasiv Yar", "geonames_id": 710915, "actor": "UA", "stance": "holds_part",
                    "part": "west", "claim_date": "2025-03-14"},
                   {"place": "Chasiv Yar", "geonames_id": 710915, "actor": "RU", "stance": "contested",
                    "optional": True},
                   {"place": "Avdiivka", "geonames_id": 713122, "actor": "RU", "stance": "claims_control",
                    "claim_date": "2024-02-01", "date_tolerance_days": 29},
                   {"place": "Bakhmut", "geonames_id": 713174, "actor": "RU", "stance": "claims_control",
                    "claim_date": "2023-05-01", "date_tolerance_days": 31}],
    },
    "adjectives-2025-11-04": {
        # "the Ukrainian-held city of", "the Russian-occupied city of" (holds, by the narration);
        # "trying to encircle the front-line town of"; a hyphenated unknown village (no mention);
        # "had taken the village of X ..., which Kyiv denied"; "Independence Day" is no place
        "toponyms": [("Zaporizhzhia", 2, C(687700, "UA")), ("Moscow", 1, C(524901, "RU")),
                     ("Myrnohrad", 2, C(710035, "UA")), ("Melitopol", 1, C(701404, "UA")), ("Ukraine", 1, K("UA")),
                     ("Kharkiv", 1, C(706483, "UA")), ("Russia", 1, K("RU")), ("Vovchansk", 1, C(689304, "UA")),
                     ("Stepnohirsk", 1, C(692248, "UA")), ("Zaporizhzhia", 3, R("UA-23")), ("Kyiv", 1, C(703448, "UA")),
                     ("Ukraine", 2, K("UA")), ("Kherson", 1, C(706448, "UA"))],
        "claims": [{"place": "Zaporizhzhia", "geonames_id": 687700, "actor": "UA", "stance": "holds",
                    "claim_date": "2025-11-04"},
                   {"place": "Myrnohrad", "geonames_id": 710035, "actor": "RU", "stance": "contested",
                    "claim_date": "2025-11-04"},
                   {"place": "Melitopol", "geonames_id": 701404, "actor": "RU", "stance": "holds",
                    "claim_date": "2025-11-04"},
                   {"place": "Kharkiv", "geonames_id": 706483, "actor": "UA", "stance": "advancing",
                    "optional": True},
                   {"place": "Vovchansk", "geonames_id": 689304, "actor": "RU", "stance": "claims_control",
                    "claim_date": "2025-11-04"},
                   {"place": "Vovchansk", "geonames_id": 689304, "actor": "UA", "stance": "holds_part",
                    "part": "south", "claim_date": "2025-11-04"},
                   {"place": "Vovchansk", "geonames_id": 689304, "actor": "RU", "stance": "denies_control",
                    "optional": True},
                   {"place": "Stepnohirsk", "geonames_id": 692248, "actor": "RU", "stance": "claims_control",
                    "claim_date": "2025-11-02"},
                   {"place": "Stepnohirsk", "geonames_id": 692248, "actor": "RU", "stance": "denies_control",
                    "claim_date": "2025-11-02", "date_tolerance_days": 2}],
    },
    "wrapped-2025-11-28": {
        # hard-wrapped at 72 columns under a headline with no full stop and a dateline; "The
        # ministry" is the Defence Ministry named a paragraph before, not the last subject
        "toponyms": [("Russia", 1, K("RU")), ("Siversk", 1, C(694403, "UA")), ("Ukraine", 1, K("UA")),
                     ("KYIV", 1, C(703448, "UA")), ("Russia", 2, K("RU")), ("Siversk", 2, C(694403, "UA")),
                     ("Ukraine", 2, K("UA")), ("Ukraine", 3, K("UA")), ("Huliaipole", 1, C(707898, "UA")),
                     ("Zaporizhzhia", 1, R("UA-23")), ("Kyiv", 1, C(703448, "UA"))],
        "claims": [{"place": "Siversk", "geonames_id": 694403, "actor": "RU", "stance": "claims_control",
                    "claim_date": "2025-11-27", "date_tolerance_days": 1},
                   {"place": "Siversk", "geonames_id": 694403, "actor": "RU", "stance": "denies_control",
                    "claim_date": "2025-11-28", "date_tolerance_days": 1},
                   {"place": "Siversk", "geonames_id": 694403, "actor": "UA", "stance": "holds_part",
                    "part": "west", "claim_date": "2025-11-28", "date_tolerance_days": 1},
                   {"place": "Huliaipole", "geonames_id": 707898, "actor": "RU", "stance": "advancing",
                    "claim_date": "2025-11-28", "date_tolerance_days": 1}],
    },
    "claimed-2025-12-10": {
        # "Russia claimed Myrnohrad" (a claim of control); "it had not lost the town" (holds, and
        # refutes the claim); "cleared the Russians from X"; "advanced to within two kilometres of";
        # "gained a foothold in"; "remain in"; "held the north of X" (a part) but "a village north of X
        # fell" (not X)
        "toponyms": [("Kherson", 1, C(706448, "UA")), ("Kostiantynivka", 1, C(705104, "UA")), ("Russia", 1, K("RU")),
                     ("Myrnohrad", 1, C(710035, "UA")), ("Ukraine", 1, K("UA")), ("Kupiansk", 1, C(703656, "UA")),
                     ("Kupiansk", 2, C(703656, "UA")), ("Ukraine", 2, K("UA")), ("Siversk", 1, C(694403, "UA")),
                     ("Pokrovsk", 1, C(704422, "UA")), ("Ukraine", 3, K("UA")), ("Kostiantynivka", 2, C(705104, "UA")),
                     ("Pokrovsk", 2, C(704422, "UA"))],
        "claims": [{"place": "Kherson", "geonames_id": 706448, "actor": "UA", "stance": "claims_control",
                    "claim_date": "2022-11-01", "date_tolerance_days": 30},
                   {"place": "Kostiantynivka", "geonames_id": 705104, "actor": "RU", "stance": "advancing",
                    "claim_date": "2025-12-10"},
                   {"place": "Myrnohrad", "geonames_id": 710035, "actor": "RU", "stance": "claims_control",
                    "claim_date": "2025-12-06"},
                   {"place": "Myrnohrad", "geonames_id": 710035, "actor": "UA", "stance": "holds",
                    "claim_date": "2025-12-10"},
                   {"place": "Myrnohrad", "geonames_id": 710035, "actor": "RU", "stance": "denies_control",
                    "claim_date": "2025-12-10"},
                   {"place": "Kupiansk", "geonames_id": 703656, "actor": "RU", "stance": "contested",
                    "optional": True},
                   {"place": "Kupiansk", "geonames_id": 703656, "actor": "UA", "stance": "claims_control",
                    "claim_date": "2025-12-05", "date_tolerance_days": 0},
                   {"place": "Siversk", "geonames_id": 694403, "actor": "RU", "stance": "advancing",
                    "claim_date": "2025-12-10"},
                   {"place": "Siversk", "geonames_id": 694403, "actor": "RU", "stance": "holds_part",
                    "part": "east", "optional": True},
                   {"place": "Pokrovsk", "geonames_id": 704422, "actor": "UA", "stance": "holds",
                    "claim_date": "2025-12-10"},
                   {"place": "Kostiantynivka", "geonames_id": 705104, "actor": "UA", "stance": "holds_part",
                    "part": "north", "claim_date": "2025-12-10"}],
    },
}


def find_nth(text, surface, nth):
    pos = -1
    for _ in range(nth):
        while True:
            pos = text.find(surface, pos + 1)
            if pos < 0:
                raise SystemExit(f"{surface!r} #{nth} not found")
            before = text[pos - 1] if pos > 0 else " "
            after = text[pos + len(surface)] if pos + len(surface) < len(text) else " "
            if not before.isalnum() and not after.isalnum():
                break
    return pos


for name, ann in ARTICLES.items():
    text = open(f"{name}.txt", encoding="utf-8").read()
    date = name[-10:]
    tops = []
    for surface, nth, place in ann["toponyms"]:
        start = find_nth(text, surface, nth)
        tops.append({"start": start, "end": start + len(surface), "surface": surface, **place})
    tops.sort(key=lambda t: t["start"])
    gold = {"article": f"{name}.txt", "published": date, "source": "frontmap team (test article)",
            "notes": ["Written by the frontmap team for the reader's tests; offsets are code points."],
            "toponyms": tops, "claims": ann["claims"]}
    with open(f"{name}.gold.json", "w", encoding="utf-8") as f:
        json.dump(gold, f, ensure_ascii=False, indent=1)
        f.write("\n")
print("ok")
