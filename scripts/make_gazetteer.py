"""Build ``data/gazetteer.json``, the offline gazetteer of countries, organisations and places.

Sources (facts only, no text copied from articles):

- Countries and territories: pycountry (ISO 3166-1 alpha-2/alpha-3 codes, English
  short, common and official names); Wikidata QIDs from
  ``/work/shared/data/country-wikidata.csv`` (ISO alpha-3 → QID, taken from Our
  World in Data's country table, CC BY 4.0; pass ``--wikidata`` for another copy).
- Common short labels, aliases ("the U.S.", "Britain", "South Korea"), capitals
  (which stand for their governments: "Washington said…") and demonyms
  ("Ukrainian", "Japanese"): tables below, written by hand.
- International and national bodies (NATO, the EU and its institutions, the UN
  and its agencies, development banks, U.S. departments and agencies) with
  acronyms, aliases and the Wikidata QIDs of the best-known ones: table below.
- Other cities that often host diplomacy (Geneva, New York, The Hague…): table below.
- Currencies: pycountry (ISO 4217) plus the symbols and words used in text.

The output is deterministic (sorted, fixed formatting): run it again and diff.

Usage:
    python scripts/make_gazetteer.py [--wikidata CSV] [--out data/gazetteer.json]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import unicodedata
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.gazetteer import normalise  # noqa: E402

DEFAULT_WIKIDATA = Path(__file__).resolve().parent.parent / "data" / "country-wikidata.csv"
DEFAULT_OUT = ROOT / "data" / "gazetteer.json"

# Countries pycountry lacks (no ISO 3166-1 code): label, names, code, Wikidata QID.
EXTRA_COUNTRIES = [("Kosovo", "Republic of Kosovo", "XKX", "Q1246")]

# Labels for the ISO names that are not how English prose names the country.
COUNTRY_LABELS = {
    "BES": "Caribbean Netherlands",
    "BOL": "Bolivia",
    "BRN": "Brunei",
    "CCK": "Cocos Islands",
    "COD": "Democratic Republic of the Congo",
    "COG": "Republic of the Congo",
    "FLK": "Falkland Islands",
    "FSM": "Micronesia",
    "MAF": "Saint Martin",
    "PSE": "Palestine",
    "RUS": "Russia",
    "SHN": "Saint Helena",
    "SXM": "Sint Maarten",
    "VAT": "Holy See",
    "VGB": "British Virgin Islands",
    "VIR": "U.S. Virgin Islands",
}

# Other names for a country (the label, ISO names and codes are added automatically).
COUNTRY_ALIASES = {
    "USA": "U.S.|US|U.S.A.|USA|America|United States of America|United States Government|"
    "U.S. Government|Government of the United States|Government of the United States of America",
    "GBR": "UK|U.K.|Britain|Great Britain|United Kingdom of Great Britain and Northern Ireland|"
    "His Majesty's Government|Her Majesty's Government|HMG",
    "KOR": "Republic of Korea|ROK|Korea|Korea, South|Government of the Republic of Korea",
    "PRK": "DPRK|North Korea|Democratic People's Republic of Korea|Korea, North",
    "RUS": "Russian Federation",
    "CHN": "PRC|People's Republic of China|Mainland China",
    "TWN": "Republic of China",
    "IRN": "Islamic Republic of Iran|Persia",
    "SYR": "Syrian Arab Republic",
    "VNM": "Viet Nam|Socialist Republic of Vietnam",
    "LAO": "Lao PDR|Lao People's Democratic Republic",
    "MMR": "Burma|Republic of the Union of Myanmar",
    "CZE": "Czech Republic",
    "TUR": "Turkey|Turkiye|Republic of Turkey",
    "CIV": "Ivory Coast|Cote d'Ivoire",
    "MKD": "Macedonia|Republic of North Macedonia",
    "NLD": "Holland|The Netherlands|Kingdom of the Netherlands",
    "VAT": "Vatican|Vatican City|Holy See (Vatican City State)",
    "PSE": "State of Palestine|Palestinian Territories|Occupied Palestinian Territories|"
    "Palestinian Authority",
    "COD": "DRC|DR Congo|D.R. Congo|Congo-Kinshasa|Democratic Republic of Congo",
    "COG": "Congo-Brazzaville|Republic of Congo",
    "CPV": "Cape Verde",
    "SWZ": "Swaziland",
    "TLS": "East Timor",
    "ARE": "UAE|U.A.E.|Emirates",
    "SAU": "Kingdom of Saudi Arabia|KSA",
    "EGY": "Arab Republic of Egypt",
    "DEU": "Federal Republic of Germany",
    "ITA": "Italian Republic",
    "ARG": "Argentine Republic",
    "MEX": "United Mexican States",
    "BRA": "Federative Republic of Brazil",
    "IND": "Republic of India",
    "IDN": "Republic of Indonesia",
    "PHL": "Republic of the Philippines",
    "IRQ": "Republic of Iraq",
    "PLW": "Republic of Palau",
    "MHL": "Republic of the Marshall Islands",
    "BIH": "Bosnia|Bosnia-Herzegovina",
    "TZA": "United Republic of Tanzania",
    "MDA": "Republic of Moldova",
    "FSM": "Federated States of Micronesia",
    "BHS": "The Bahamas",
    "GMB": "The Gambia",
    "KNA": "St. Kitts and Nevis|Saint Kitts|St Kitts and Nevis",
    "LCA": "St. Lucia",
    "VCT": "St. Vincent and the Grenadines",
    "TTO": "Trinidad|Trinidad & Tobago",
    "ATG": "Antigua|Antigua & Barbuda",
    "VEN": "Bolivarian Republic of Venezuela",
    "BOL": "Plurinational State of Bolivia",
    "HKG": "Hong Kong SAR",
    "MAC": "Macau",
    "FRO": "Faroe Islands",
    "UKR": "Government of Ukraine",
    "JPN": "Government of Japan",
}

# Capital cities, which stand for their governments ("Washington", "Kyiv").
# alpha-3: "City|other spellings", optionally "=QID" after the city's names.
CAPITALS = {
    "AFG": "Kabul",
    "ALB": "Tirana",
    "DZA": "Algiers",
    "AND": "Andorra la Vella",
    "AGO": "Luanda",
    "ATG": "St. John's",
    "ARG": "Buenos Aires",
    "ARM": "Yerevan",
    "AUS": "Canberra",
    "AUT": "Vienna=Q1741",
    "AZE": "Baku",
    "BHS": "Nassau",
    "BHR": "Manama",
    "BGD": "Dhaka",
    "BRB": "Bridgetown",
    "BLR": "Minsk",
    "BEL": "Brussels=Q239",
    "BLZ": "Belmopan",
    "BEN": "Porto-Novo",
    "BTN": "Thimphu",
    "BOL": "La Paz|Sucre",
    "BIH": "Sarajevo",
    "BWA": "Gaborone",
    "BRA": "Brasília|Brasilia",
    "BRN": "Bandar Seri Begawan",
    "BGR": "Sofia",
    "BFA": "Ouagadougou",
    "BDI": "Gitega",
    "CPV": "Praia",
    "KHM": "Phnom Penh",
    "CMR": "Yaoundé|Yaounde",
    "CAN": "Ottawa",
    "CAF": "Bangui",
    "TCD": "N'Djamena",
    "CHL": "Santiago",
    "CHN": "Beijing=Q956|Peking",
    "COL": "Bogotá|Bogota",
    "COM": "Moroni",
    "COG": "Brazzaville",
    "COD": "Kinshasa",
    "CRI": "San José|San Jose",
    "CIV": "Yamoussoukro",
    "HRV": "Zagreb",
    "CUB": "Havana",
    "CYP": "Nicosia",
    "CZE": "Prague",
    "DNK": "Copenhagen",
    "DJI": "Djibouti City",
    "DMA": "Roseau",
    "DOM": "Santo Domingo",
    "ECU": "Quito",
    "EGY": "Cairo",
    "SLV": "San Salvador",
    "GNQ": "Malabo",
    "ERI": "Asmara",
    "EST": "Tallinn",
    "SWZ": "Mbabane",
    "ETH": "Addis Ababa",
    "FJI": "Suva",
    "FIN": "Helsinki",
    "FRA": "Paris=Q90",
    "GAB": "Libreville",
    "GMB": "Banjul",
    "GEO": "Tbilisi",
    "DEU": "Berlin=Q64",
    "GHA": "Accra",
    "GRC": "Athens",
    "GRD": "St. George's",
    "GTM": "Guatemala City",
    "GIN": "Conakry",
    "GNB": "Bissau",
    "GUY": "Georgetown",
    "HTI": "Port-au-Prince",
    "HND": "Tegucigalpa",
    "HUN": "Budapest",
    "ISL": "Reykjavik|Reykjavík",
    "IND": "New Delhi|Delhi",
    "IDN": "Jakarta",
    "IRN": "Tehran",
    "IRQ": "Baghdad",
    "IRL": "Dublin",
    "ISR": "Jerusalem",
    "ITA": "Rome=Q220",
    "JAM": "Kingston",
    "JPN": "Tokyo=Q1490",
    "JOR": "Amman",
    "KAZ": "Astana",
    "KEN": "Nairobi",
    "KIR": "Tarawa",
    "KWT": "Kuwait City",
    "KGZ": "Bishkek",
    "LAO": "Vientiane",
    "LVA": "Riga",
    "LBN": "Beirut",
    "LSO": "Maseru",
    "LBR": "Monrovia",
    "LBY": "Tripoli",
    "LIE": "Vaduz",
    "LTU": "Vilnius",
    "LUX": "Luxembourg City",
    "MDG": "Antananarivo",
    "MWI": "Lilongwe",
    "MYS": "Kuala Lumpur",
    "MDV": "Malé",
    "MLI": "Bamako",
    "MLT": "Valletta",
    "MHL": "Majuro",
    "MRT": "Nouakchott",
    "MUS": "Port Louis",
    "MEX": "Mexico City",
    "FSM": "Palikir",
    "MDA": "Chisinau|Chișinău",
    "MCO": "Monaco City",
    "MNG": "Ulaanbaatar|Ulan Bator",
    "MNE": "Podgorica",
    "MAR": "Rabat",
    "MOZ": "Maputo",
    "MMR": "Naypyidaw|Nay Pyi Taw",
    "NAM": "Windhoek",
    "NRU": "Yaren",
    "NPL": "Kathmandu",
    "NLD": "Amsterdam",
    "NZL": "Wellington",
    "NIC": "Managua",
    "NER": "Niamey",
    "NGA": "Abuja",
    "PRK": "Pyongyang",
    "MKD": "Skopje",
    "NOR": "Oslo",
    "OMN": "Muscat",
    "PAK": "Islamabad",
    "PLW": "Ngerulmud",
    "PAN": "Panama City",
    "PNG": "Port Moresby",
    "PRY": "Asunción|Asuncion",
    "PER": "Lima",
    "PHL": "Manila",
    "POL": "Warsaw",
    "PRT": "Lisbon",
    "QAT": "Doha",
    "ROU": "Bucharest",
    "RUS": "Moscow=Q649",
    "RWA": "Kigali",
    "KNA": "Basseterre",
    "LCA": "Castries",
    "VCT": "Kingstown",
    "WSM": "Apia",
    "SMR": "City of San Marino",
    "STP": "São Tomé|Sao Tome",
    "SAU": "Riyadh",
    "SEN": "Dakar",
    "SRB": "Belgrade",
    "SYC": "Victoria",
    "SLE": "Freetown",
    "SGP": "Singapore City",
    "SVK": "Bratislava",
    "SVN": "Ljubljana",
    "SLB": "Honiara",
    "SOM": "Mogadishu",
    "ZAF": "Pretoria",
    "KOR": "Seoul",
    "SSD": "Juba",
    "ESP": "Madrid=Q2807",
    "LKA": "Colombo|Sri Jayawardenepura Kotte",
    "SDN": "Khartoum",
    "SUR": "Paramaribo",
    "SWE": "Stockholm",
    "CHE": "Bern|Berne",
    "SYR": "Damascus",
    "TWN": "Taipei",
    "TJK": "Dushanbe",
    "TZA": "Dodoma",
    "THA": "Bangkok",
    "TLS": "Dili",
    "TGO": "Lomé|Lome",
    "TON": "Nuku'alofa",
    "TTO": "Port of Spain",
    "TUN": "Tunis",
    "TUR": "Ankara",
    "TKM": "Ashgabat",
    "TUV": "Funafuti",
    "UGA": "Kampala",
    "UKR": "Kyiv=Q1899|Kiev",
    "ARE": "Abu Dhabi",
    "GBR": "London=Q84",
    "USA": "Washington=Q61|Washington, D.C.|Washington, DC|Washington DC|Washington D.C.|D.C.",
    "URY": "Montevideo",
    "UZB": "Tashkent",
    "VUT": "Port Vila",
    "VEN": "Caracas",
    "VNM": "Hanoi",
    "YEM": "Sanaa|Sana'a|Sana’a",
    "ZMB": "Lusaka",
    "ZWE": "Harare",
    "XKX": "Pristina|Prishtina",
}

# Demonyms and adjectives ("the Ukrainian government"), plural forms after a comma.
DEMONYMS = {
    "AFG": "Afghan,Afghans",
    "ALB": "Albanian,Albanians",
    "DZA": "Algerian,Algerians",
    "AGO": "Angolan,Angolans",
    "ARG": "Argentine|Argentinian,Argentines|Argentinians",
    "ARM": "Armenian,Armenians",
    "AUS": "Australian,Australians",
    "AUT": "Austrian,Austrians",
    "AZE": "Azerbaijani,Azerbaijanis",
    "BHR": "Bahraini,Bahrainis",
    "BGD": "Bangladeshi,Bangladeshis",
    "BRB": "Barbadian,Barbadians",
    "BLR": "Belarusian,Belarusians",
    "BEL": "Belgian,Belgians",
    "BLZ": "Belizean,Belizeans",
    "BOL": "Bolivian,Bolivians",
    "BIH": "Bosnian,Bosnians",
    "BRA": "Brazilian,Brazilians",
    "BGR": "Bulgarian,Bulgarians",
    "KHM": "Cambodian,Cambodians",
    "CMR": "Cameroonian,Cameroonians",
    "CAN": "Canadian,Canadians",
    "CHL": "Chilean,Chileans",
    "CHN": "Chinese",
    "COL": "Colombian,Colombians",
    "CRI": "Costa Rican,Costa Ricans",
    "HRV": "Croatian,Croatians",
    "CUB": "Cuban,Cubans",
    "CYP": "Cypriot,Cypriots",
    "CZE": "Czech,Czechs",
    "DNK": "Danish,Danes",
    "DOM": "Dominican,Dominicans",
    "ECU": "Ecuadorian|Ecuadorean,Ecuadorians|Ecuadoreans",
    "EGY": "Egyptian,Egyptians",
    "SLV": "Salvadoran|Salvadorean,Salvadorans|Salvadoreans",
    "EST": "Estonian,Estonians",
    "ETH": "Ethiopian,Ethiopians",
    "FJI": "Fijian,Fijians",
    "FIN": "Finnish,Finns",
    "FRA": "French",
    "GEO": "Georgian,Georgians",
    "DEU": "German,Germans",
    "GHA": "Ghanaian,Ghanaians",
    "GRC": "Greek,Greeks",
    "GTM": "Guatemalan,Guatemalans",
    "GUY": "Guyanese",
    "HTI": "Haitian,Haitians",
    "HND": "Honduran,Hondurans",
    "HUN": "Hungarian,Hungarians",
    "ISL": "Icelandic,Icelanders",
    "IND": "Indian,Indians",
    "IDN": "Indonesian,Indonesians",
    "IRN": "Iranian,Iranians",
    "IRQ": "Iraqi,Iraqis",
    "IRL": "Irish",
    "ISR": "Israeli,Israelis",
    "ITA": "Italian,Italians",
    "JAM": "Jamaican,Jamaicans",
    "JPN": "Japanese",
    "JOR": "Jordanian,Jordanians",
    "KAZ": "Kazakh|Kazakhstani,Kazakhs",
    "KEN": "Kenyan,Kenyans",
    "KWT": "Kuwaiti,Kuwaitis",
    "KGZ": "Kyrgyz",
    "LAO": "Lao|Laotian,Laotians",
    "LVA": "Latvian,Latvians",
    "LBN": "Lebanese",
    "LBR": "Liberian,Liberians",
    "LBY": "Libyan,Libyans",
    "LTU": "Lithuanian,Lithuanians",
    "MYS": "Malaysian,Malaysians",
    "MLI": "Malian,Malians",
    "MLT": "Maltese",
    "MEX": "Mexican,Mexicans",
    "MDA": "Moldovan,Moldovans",
    "MNG": "Mongolian,Mongolians",
    "MNE": "Montenegrin,Montenegrins",
    "MAR": "Moroccan,Moroccans",
    "MOZ": "Mozambican,Mozambicans",
    "MMR": "Burmese",
    "NPL": "Nepali|Nepalese,Nepalis",
    "NLD": "Dutch",
    "NZL": "New Zealander,New Zealanders",
    "NIC": "Nicaraguan,Nicaraguans",
    "NER": "Nigerien,Nigeriens",
    "NGA": "Nigerian,Nigerians",
    "PRK": "North Korean,North Koreans",
    "MKD": "North Macedonian|Macedonian,Macedonians",
    "NOR": "Norwegian,Norwegians",
    "OMN": "Omani,Omanis",
    "PAK": "Pakistani,Pakistanis",
    "PSE": "Palestinian,Palestinians",
    "PAN": "Panamanian,Panamanians",
    "PNG": "Papua New Guinean",
    "PRY": "Paraguayan,Paraguayans",
    "PER": "Peruvian,Peruvians",
    "PHL": "Philippine|Filipino,Filipinos",
    "POL": "Polish,Poles",
    "PRT": "Portuguese",
    "QAT": "Qatari,Qataris",
    "ROU": "Romanian,Romanians",
    "RUS": "Russian,Russians",
    "RWA": "Rwandan,Rwandans",
    "SAU": "Saudi|Saudi Arabian,Saudis",
    "SEN": "Senegalese",
    "SRB": "Serbian,Serbs",
    "SLE": "Sierra Leonean,Sierra Leoneans",
    "SGP": "Singaporean,Singaporeans",
    "SVK": "Slovak,Slovaks",
    "SVN": "Slovenian|Slovene,Slovenians|Slovenes",
    "SOM": "Somali,Somalis",
    "ZAF": "South African,South Africans",
    "KOR": "South Korean,South Koreans",
    "SSD": "South Sudanese",
    "ESP": "Spanish,Spaniards",
    "LKA": "Sri Lankan,Sri Lankans",
    "SDN": "Sudanese",
    "SWE": "Swedish,Swedes",
    "CHE": "Swiss",
    "SYR": "Syrian,Syrians",
    "TWN": "Taiwanese",
    "TJK": "Tajik,Tajiks",
    "TZA": "Tanzanian,Tanzanians",
    "THA": "Thai",
    "TLS": "Timorese",
    "TTO": "Trinidadian,Trinidadians",
    "TUN": "Tunisian,Tunisians",
    "TUR": "Turkish,Turks",
    "TKM": "Turkmen",
    "UGA": "Ugandan,Ugandans",
    "UKR": "Ukrainian,Ukrainians",
    "ARE": "Emirati,Emiratis",
    "GBR": "British,Britons",
    "USA": "American,Americans",
    "URY": "Uruguayan,Uruguayans",
    "UZB": "Uzbek,Uzbeks",
    "VEN": "Venezuelan,Venezuelans",
    "VNM": "Vietnamese",
    "YEM": "Yemeni,Yemenis",
    "ZMB": "Zambian,Zambians",
    "ZWE": "Zimbabwean,Zimbabweans",
}

# Organisations: label, other names (acronym first when it has one), Wikidata QID
# (only where certain), and the alpha-3 code of the country a national body serves.
ORGANISATIONS: list[tuple[str, str, str | None, str | None]] = [
    (
        "NATO",
        "North Atlantic Treaty Organization|North Atlantic Treaty Organisation|"
        "the Alliance|Atlantic Alliance|NATO Alliance|OTAN|Allied leaders|NATO Allied leaders",
        "Q7184",
        None,
    ),
    ("European Union", "EU|E.U.", "Q458", None),
    ("European Commission", "EC|EU Commission", "Q8880", None),
    ("European Council", "EUCO", "Q8886", None),
    ("Council of the European Union", "Council of the EU|EU Council", None, None),
    ("European Parliament", "EP", "Q8889", None),
    ("European External Action Service", "EEAS", None, None),
    ("European Investment Bank", "EIB", None, None),
    ("United Nations", "UN|U.N.|the UN|United Nations Organization", "Q1065", None),
    (
        "United Nations General Assembly",
        "UNGA|UN General Assembly|U.N. General Assembly|General Assembly",
        "Q47423",
        None,
    ),
    (
        "United Nations Security Council",
        "UNSC|UN Security Council|U.N. Security Council|Security Council",
        "Q37470",
        None,
    ),
    (
        "United Nations Human Rights Council",
        "UNHRC|UN Human Rights Council|Human Rights Council",
        None,
        None,
    ),
    ("UNICEF", "United Nations Children's Fund|UN Children's Fund", "Q740308", None),
    (
        "UNHCR",
        "United Nations High Commissioner for Refugees|UN Refugee Agency|"
        "UN High Commissioner for Refugees|Office of the United Nations High Commissioner "
        "for Refugees",
        None,
        None,
    ),
    ("World Food Programme", "WFP|World Food Program|UN World Food Programme", None, None),
    ("United Nations Development Programme", "UNDP|UN Development Programme", None, None),
    ("World Health Organization", "WHO|World Health Organisation", "Q7817", None),
    ("UNESCO", "United Nations Educational, Scientific and Cultural Organization", "Q7809", None),
    (
        "Food and Agriculture Organization",
        "FAO|UN Food and Agriculture Organization",
        "Q82151",
        None,
    ),
    ("International Organization for Migration", "IOM", None, None),
    (
        "OCHA",
        "UN Office for the Coordination of Humanitarian Affairs|United Nations Office "
        "for the Coordination of Humanitarian Affairs",
        None,
        None,
    ),
    (
        "UNRWA",
        "United Nations Relief and Works Agency|United Nations Relief and Works Agency "
        "for Palestine Refugees in the Near East",
        None,
        None,
    ),
    ("UN Women", "", None, None),
    ("UNFPA", "United Nations Population Fund|UN Population Fund", None, None),
    ("International Atomic Energy Agency", "IAEA", "Q826700", None),
    ("International Criminal Court", "ICC", "Q47488", None),
    ("International Court of Justice", "ICJ|World Court", None, None),
    ("World Trade Organization", "WTO|World Trade Organisation", "Q7825", None),
    ("International Monetary Fund", "IMF", "Q7804", None),
    (
        "World Bank",
        "World Bank Group|International Bank for Reconstruction and Development|IBRD",
        "Q7164",
        None,
    ),
    ("Inter-American Development Bank", "IDB|IADB", None, None),
    ("Asian Development Bank", "ADB", None, None),
    ("African Development Bank", "AfDB", None, None),
    ("Asian Infrastructure Investment Bank", "AIIB", None, None),
    ("European Bank for Reconstruction and Development", "EBRD", None, None),
    (
        "OECD",
        "Organisation for Economic Co-operation and Development|Organization for "
        "Economic Cooperation and Development",
        "Q41550",
        None,
    ),
    ("G7", "Group of Seven|G-7|G7 leaders", None, None),
    ("G20", "Group of Twenty|G-20", "Q19771", None),
    (
        "ASEAN",
        "Association of Southeast Asian Nations|Association of South East Asian Nations",
        "Q7768",
        None,
    ),
    ("African Union", "AU", "Q7159", None),
    ("African Union Commission", "AUC", None, None),
    (
        "OSCE",
        "Organization for Security and Co-operation in Europe|Organization for Security "
        "and Cooperation in Europe",
        "Q81299",
        None,
    ),
    ("Organization of American States", "OAS", "Q123759", None),
    ("Council of Europe", "CoE", "Q8908", None),
    ("Quad", "Quadrilateral Security Dialogue|the Quad", None, None),
    (
        "Gulf Cooperation Council",
        "GCC|Cooperation Council for the Arab States of the Gulf",
        None,
        None,
    ),
    ("Arab League", "League of Arab States", "Q7172", None),
    ("OPEC", "Organization of the Petroleum Exporting Countries", "Q7795", None),
    ("Commonwealth of Nations", "the Commonwealth", "Q7785", None),
    ("Pacific Islands Forum", "PIF", None, None),
    ("Andean Community", "Comunidad Andina", None, None),
    ("Mercosur", "Mercosul|Southern Common Market", None, None),
    ("International Committee of the Red Cross", "ICRC", "Q71068", None),
    ("Interpol", "International Criminal Police Organization", "Q8475", None),
    (
        "Global Fund",
        "Global Fund to Fight AIDS, Tuberculosis and Malaria|"
        "Global Fund to Fight AIDS, Tuberculosis, and Malaria",
        None,
        None,
    ),
    ("Gavi", "Gavi, the Vaccine Alliance|GAVI", None, None),
    ("Taliban", "the Taliban", "Q42418", None),
    ("Hamas", "", "Q38799", None),
    ("Hezbollah", "Hizballah|Hizbollah", "Q41053", None),
    # United States federal bodies.
    ("White House", "the White House", "Q35525", "USA"),
    (
        "U.S. Department of State",
        "Department of State|State Department|DOS|"
        "United States Department of State|US State Department|U.S. State Department|"
        "State Dept",
        "Q789915",
        "USA",
    ),
    (
        "U.S. Department of Defense",
        "Department of Defense|Defense Department|DoD|Pentagon|"
        "the Pentagon|United States Department of Defense|U.S. Defense Department",
        "Q11209",
        "USA",
    ),
    (
        "U.S. Department of Homeland Security",
        "Department of Homeland Security|DHS|United States Department of Homeland Security",
        None,
        "USA",
    ),
    (
        "U.S. Department of the Treasury",
        "Department of the Treasury|Treasury Department|U.S. Treasury|Treasury",
        None,
        "USA",
    ),
    ("U.S. Department of Commerce", "Department of Commerce|Commerce Department", None, "USA"),
    ("U.S. Department of Justice", "Department of Justice|Justice Department|DOJ", None, "USA"),
    ("U.S. Department of Labor", "Department of Labor|Labor Department|DOL", None, "USA"),
    ("U.S. Department of Energy", "Department of Energy|Energy Department|DOE", None, "USA"),
    ("U.S. Department of Agriculture", "Department of Agriculture|USDA", None, "USA"),
    (
        "U.S. Department of Health and Human Services",
        "Department of Health and Human Services|HHS",
        None,
        "USA",
    ),
    (
        "USAID",
        "U.S. Agency for International Development|United States Agency for "
        "International Development|US Agency for International Development",
        None,
        "USA",
    ),
    (
        "U.S. International Development Finance Corporation",
        "DFC|International Development "
        "Finance Corporation|US International Development Finance Corporation",
        None,
        "USA",
    ),
    (
        "Export-Import Bank of the United States",
        "EXIM|EXIM Bank|Ex-Im Bank|U.S. Export-Import Bank",
        None,
        "USA",
    ),
    ("Millennium Challenge Corporation", "MCC", None, "USA"),
    (
        "Office of the U.S. Trade Representative",
        "USTR|Office of the United States Trade Representative",
        None,
        "USA",
    ),
    ("National Security Council", "NSC|U.S. National Security Council", None, "USA"),
    (
        "Centers for Disease Control and Prevention",
        "CDC|U.S. Centers for Disease Control and Prevention",
        None,
        "USA",
    ),
    ("U.S. Food and Drug Administration", "FDA|Food and Drug Administration", None, "USA"),
    ("Federal Bureau of Investigation", "FBI", "Q8333", "USA"),
    ("Central Intelligence Agency", "CIA", "Q37230", "USA"),
    ("U.S. Congress", "Congress|United States Congress", "Q11268", "USA"),
    ("U.S. Senate", "Senate|United States Senate", "Q66096", "USA"),
    (
        "U.S. House of Representatives",
        "House of Representatives|United States House of Representatives",
        "Q11701",
        "USA",
    ),
    ("Peace Corps", "", None, "USA"),
    # Other national bodies often quoted in diplomatic news.
    (
        "Foreign, Commonwealth and Development Office",
        "FCDO|Foreign Office|UK Foreign Office",
        None,
        "GBR",
    ),
    ("Japan Bank for International Cooperation", "JBIC", None, "JPN"),
    ("Japan International Cooperation Agency", "JICA", None, "JPN"),
    ("Kremlin", "the Kremlin", None, "RUS"),
]

# Other cities that often host diplomacy: "City|other spellings": alpha-3 of the country.
PLACES = {
    "New York|New York City|NYC": "USA",
    "Geneva|Genève": "CHE",
    "The Hague": "NLD",
    "Davos": "CHE",
    "Munich": "DEU",
    "Glasgow": "GBR",
    "Sharm El Sheikh|Sharm el-Sheikh": "EGY",
    "Jeddah|Jedda": "SAU",
    "Dubai": "ARE",
    "Istanbul": "TUR",
    "Shanghai": "CHN",
    "San Francisco": "USA",
    "Los Angeles": "USA",
    "Camp David": "USA",
    "Bali": "IDN",
    "Hiroshima": "JPN",
    "Osaka": "JPN",
    "Okinawa": "JPN",
    "Sydney": "AUS",
    "Toronto": "CAN",
    "Rio de Janeiro": "BRA",
    "São Paulo|Sao Paulo": "BRA",
    "Cusco|Cuzco": "PER",
    "Gaza|Gaza Strip": "PSE",
    "West Bank": "PSE",
    "East Jerusalem": "PSE",
    "Tel Aviv": "ISR",
    "Aleppo": "SYR",
    "Mosul": "IRQ",
    "Erbil": "IRQ",
    "Kharkiv": "UKR",
    "Odesa|Odessa": "UKR",
    "Mariupol": "UKR",
    "Crimea": "UKR",
    "Donbas|Donbass": "UKR",
    "Xinjiang": "CHN",
    "Tibet": "CHN",
    "Strasbourg": "FRA",
    "Lagos": "NGA",
    "Johannesburg": "ZAF",
    "Cape Town": "ZAF",
    "Mumbai": "IND",
    "Karachi": "PAK",
    "Busan": "KOR",
    "Ho Chi Minh City|Saigon": "VNM",
    "Northern Ireland": "GBR",
    "Scotland": "GBR",
    "Wales": "GBR",
    "England": "GBR",
    "Honolulu": "USA",
    "Hawaii": "USA",
    "Alaska": "USA",
    "California": "USA",
    "Texas": "USA",
    "Florida": "USA",
    "Miami": "USA",
    "Chicago": "USA",
    "Seattle": "USA",
    "Boston": "USA",
    "Houston": "USA",
    "Atlanta": "USA",
    "Senkaku Islands|Senkakus": "JPN",
    "Tobago": "TTO",
    "Nevis": "KNA",
    "Barbuda": "ATG",
}

# World regions, which are places, not actors: "Region|other names|adjectives": Wikidata QID.
REGIONS = {
    "Europe|European": "Q46",
    "Africa|African": "Q15",
    "Asia|Asian": "Q48",
    "North America|North American": "Q49",
    "South America|South American": "Q18",
    "Latin America|Latin American": None,
    "Central America|Central American": None,
    "Caribbean": None,
    "Middle East|Middle Eastern|Mideast": None,
    "North Africa|North African": None,
    "Sub-Saharan Africa|sub-Saharan African": None,
    "Horn of Africa": None,
    "Sahel": None,
    "Southeast Asia|Southeast Asian|South East Asia": None,
    "South Asia|South Asian": None,
    "East Asia|East Asian": None,
    "Central Asia|Central Asian": None,
    "Indo-Pacific|Indo Pacific": None,
    "Pacific Islands|Pacific Island": None,
    "Western Balkans|Balkans|Balkan": None,
    "Northern Europe|Northern European": None,
    "Eastern Europe|Eastern European": None,
    "Western Europe|Western European": None,
    "Nordic countries|Nordic|Nordics": None,
    "Baltic states|Baltic|Baltics": None,
    "Mekong region|Mekong|Mekong sub-region|Mekong subregion|Lower Mekong": None,
    "Arctic": None,
    "Persian Gulf|Gulf region": None,
    "Arab world|Arab": None,
    "Americas|las Américas|Western Hemisphere": None,
}

# Currency symbols and words used in text (ISO codes and names come from pycountry).
CURRENCY_NAMES = {
    "USD": "$|US$|U.S.$|USD|dollar|dollars|U.S. dollars|US dollars|American dollars",
    "EUR": "€|euro|euros",
    "GBP": "£|pound|pounds|pound sterling|pounds sterling|sterling",
    "JPY": "¥|yen",
    "CNY": "yuan|renminbi|RMB",
    "INR": "₹|rupee|rupees|Indian rupees",
    "KRW": "₩|won",
    "RUB": "₽|ruble|rubles|rouble|roubles",
    "UAH": "₴|hryvnia|hryvnias",
    "CHF": "Swiss franc|Swiss francs",
    "CAD": "C$|CA$|Canadian dollar|Canadian dollars",
    "AUD": "A$|AU$|Australian dollar|Australian dollars",
    "NZD": "NZ$|New Zealand dollar|New Zealand dollars",
    "SAR": "riyal|riyals|Saudi riyal|Saudi riyals",
    "AED": "dirham|dirhams",
    "ILS": "₪|shekel|shekels",
    "TRY": "₺|lira|Turkish lira",
    "BRL": "R$|real|reais",
    "MXN": "Mexican peso|Mexican pesos",
}

_SLUG = re.compile(r"[^a-z0-9]+")


def slug(name: str) -> str:
    """A URL-safe slug: "Côte d'Ivoire" → "cote-d-ivoire"."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return _SLUG.sub("-", text.replace(".", "")).strip("-")


def split(names: str) -> list[str]:
    return [n for n in names.split("|") if n]


def read_wikidata(path: Path) -> dict[str, str]:
    with path.open(encoding="utf-8") as f:
        return {row["iso_alpha3"]: row["wikidata"] for row in csv.DictReader(f)}


def countries(wikidata: dict[str, str]) -> list[dict]:
    out = []
    for c in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        code = c.alpha_3
        label = COUNTRY_LABELS.get(code) or getattr(c, "common_name", None) or c.name
        # ISO codes are not names: "CAN", "AU" and "IN" mean other things in prose.
        names = [
            c.name,
            getattr(c, "official_name", None),
            getattr(c, "common_name", None),
            *split(COUNTRY_ALIASES.get(code, "")),
        ]
        singular, _, plural = DEMONYMS.get(code, "").partition(",")
        out.append(
            {
                "slug": slug(label),
                "kind": "country",
                "label": label,
                "names": unique(n for n in names if n and n != label),
                "code": code,
                "wikidata": wikidata.get(code),
                "demonyms": unique([*split(singular), *split(plural)]),
            }
        )
    for label, spec, code, qid in EXTRA_COUNTRIES:
        out.append(
            {
                "slug": slug(label),
                "kind": "country",
                "label": label,
                "names": split(spec),
                "code": code,
                "wikidata": qid,
            }
        )
    return out


def places() -> list[dict]:
    out = []
    for code, spec in CAPITALS.items():
        names, _, qid = spec.partition("=")
        qid, _, more = qid.partition("|")
        label, *others = split(names) + split(more)
        out.append(
            {
                "slug": slug(label),
                "kind": "place",
                "label": label,
                "names": others,
                "wikidata": qid or None,
                "country": code,
                "capital_of": code,
            }
        )
    for spec, code in PLACES.items():
        label, *others = split(spec)
        out.append(
            {"slug": slug(label), "kind": "place", "label": label, "names": others, "country": code}
        )
    for spec, region_qid in REGIONS.items():
        label, *others = split(spec)
        out.append(
            {
                "slug": slug(label),
                "kind": "place",
                "label": label,
                "names": others,
                "wikidata": region_qid,
            }
        )
    return out


def organisations() -> list[dict]:
    out = []
    for label, names, qid, country in ORGANISATIONS:
        others = split(names)
        acronym = next((n for n in [label, *others] if n.replace(".", "").isupper()), None)
        entry = {
            "slug": slug(label),
            "kind": "organisation",
            "label": label,
            "names": others,
            "code": acronym,
            "wikidata": qid,
        }
        if country:
            entry["country"] = country
        out.append(entry)
    return out


def currencies() -> list[dict]:
    return [
        {"code": c.alpha_3, "name": c.name, "names": split(CURRENCY_NAMES.get(c.alpha_3, ""))}
        for c in sorted(pycountry.currencies, key=lambda c: c.alpha_3)
    ]


def unique(names) -> list[str]:
    seen: list[str] = []
    for n in names:
        if n not in seen:
            seen.append(n)
    return seen


def drop_collisions(entries: list[dict]) -> list[str]:
    """Keep each normalised name on its first entry only; return what was dropped."""
    owner: dict[str, str] = {}
    dropped = []
    for e in entries:
        for field in ("names", "demonyms"):
            kept = []
            for name in e.get(field, []):
                key = normalise(name)
                if owner.setdefault(key, e["slug"]) == e["slug"] and key != normalise(e["label"]):
                    kept.append(name)
                elif owner[key] != e["slug"]:
                    dropped.append(f"{name!r} of {e['slug']} (already {owner[key]})")
            e[field] = kept
        owner.setdefault(normalise(e["label"]), e["slug"])
    return dropped


def build(wikidata_path: Path) -> dict:
    wikidata = read_wikidata(wikidata_path)
    entries = countries(wikidata) + organisations() + places()
    # Labels claim their names before any alias does.
    labels = {normalise(e["label"]): e["slug"] for e in reversed(entries)}
    for e in entries:
        e["names"] = [n for n in e["names"] if labels.get(normalise(n), e["slug"]) == e["slug"]]
    dropped = drop_collisions(entries)
    for line in dropped:
        print(f"dropped alias {line}", file=sys.stderr)
    return {"entries": entries, "currencies": currencies()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--wikidata", type=Path, default=DEFAULT_WIKIDATA)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    data = build(args.wikidata)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)
    args.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
