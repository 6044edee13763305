"""Build the data behind the corridor reach maps (issue 5): places, routes, route lines, and
country names in Chinese. Run it at build time only; the four CSV files it writes are
committed, and the dashboard reads them with no network and without these packages.

Inputs
    * The places and routes are written out below, each with the publication that names it
      and its address. No place is added from memory, and a place that no publication with an
      address was found for is not shipped.
    * Coordinates are never typed by hand. They come from the port list bundled with PyPI
      ``searoute`` (UN/LOCODE + lon/lat, Apache-2.0) or from PyPI ``airportsdata`` (IATA code
      + lat/lon, MIT); ``coordinates_source`` says which, e.g. ``searoute:CNQZH``.
    * Sea legs follow ``searoute.searoute`` (its sea-lane network); rail and river legs are the
      straight segment between the two places (schematic, see ``data/CORRIDORS.md``).
    * Country names in Chinese: pycountry's ``zh_CN`` gettext catalogue (LGPL-2.1, from
      Debian iso-codes) with a small override table for the short names officials use.

Outputs (UTF-8, LF, one header row, quoted only where needed; rows sorted; 4 decimals)
    data/destinations.csv, data/routes.csv, data/route_paths.csv, data/country_names.csv

Run::

    .venv/bin/pip install searoute airportsdata pycountry   # build only, not a dependency
    .venv/bin/python scripts/build_corridor_data.py          # (re)write the four files
    .venv/bin/python scripts/build_corridor_data.py --check  # exit 1 if they would change
"""

from __future__ import annotations

import argparse
import csv
import gettext
import importlib.metadata
import io
import json
import sys
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"

# Versions the committed files were built with; another version may move a point or a lane.
BUILT_WITH = {"searoute": "1.6.0", "airportsdata": "20260905", "pycountry": "26.2.16"}

DECIMALS = 4
CORRIDORS = ("land_sea", "china_europe", "yangtze", "air")
KINDS = ("origin", "sea_port", "river_port", "rail_terminus", "border_crossing", "airport")
MODES = ("rail", "sea", "river", "air")

# Sources: the publication that names each place, route or country, with its address. Every
# row cites a publication; a place no publication was found for is not shipped (see
# data/CORRIDORS.md, "Where the facts come from").
PLAN = (
    "“Building Chongqing's Inland Open Economy” (iChongqing, 2023): "
    "http://www.chongqinglifeguide.com/web/wenzhang.aspx?cId=133500188608078437"
)
CRE_2019 = (
    "“New Opening-up Blueprint: China Railway Express to Europe from Chongqing” (iChongqing, "
    "9 Jan 2019): https://www.ichongqing.info/2019/01/09/"
    "new-opening-up-blueprint-china-railway-express-to-europe-from-chongqing/"
)
CHINA_DAILY_2013 = (
    "“Rail route to Europe improves freight transport” (China Daily, 13 Sep 2013): "
    "http://www.chinadaily.com.cn/cndy/2013-09/13/content_16966725.htm"
)
EUROPE_2018 = (
    "“Chinese metropolis Chongqing sees booming rail trade with Europe” (Xinhua, 27 Jan 2019): "
    "http://www.xinhuanet.com/english/2019-01/27/c_137778416.htm"
)
POZNAN = (
    "Sino-Euro Railway news, on the Chongqing-Central and Eastern Europe trains to Poznań: "
    "https://www.sinoeurorailway.com/news/"
    "chongqing-rail-freight-trains-between-china-to-czechromaniamontenegroserbiaslovakialatviapolandhungary"
)
TASHKENT = (
    "“Regular freight train route links China's Chongqing with Central Asia” (Xinhua, "
    "21 Apr 2025): http://en.people.cn/n3/2025/0421/c90000-20304664.html"
)
TURKIYE = (
    "“New freight trains better connect China, Türkiye through Middle Corridor” (Xinhua, "
    "29 Jul 2025): http://en.people.cn/n3/2025/0729/c90000-20346342.html"
)
SINGAPORE_2017 = (
    "China Daily, 26 Sep 2017, on the rail-to-sea link from Chongqing through Qinzhou Port to "
    "Singapore (Liangjiang New Area): https://english.liangjiang.gov.cn/2017-09/26/c_803629.htm"
)
YANGPU = (
    "Liangjiang New Area, 22 Jan 2020, on the corridor to the Beibu Gulf ports and Yangpu "
    "Port: https://english.liangjiang.gov.cn/2020-01/22/c_800046.htm"
)
FANGCHENGGANG = (
    "“广西开出今年首列东南亚冷链快线专列” (Fangchenggang-Chongqing cold-chain train): "
    "http://www.ccccmc.org.cn/hangyedongtai/1764.html"
)
HANOI_2018 = (
    "China News Service, 19 Mar 2018, on a train from Chongqing to Hanoi through Pingxiang: "
    "http://ecns.cn/business/2018-03-19/detail-ifysszkh2366689.shtml"
)
HANOI_2022 = (
    "“New freight train route links China's Chongqing, Vietnam” (Xinhua, 27 Mar 2022): "
    "http://en.people.cn/n3/2022/0327/c90000-10076420.html"
)
VIENTIANE_2022 = (
    "“Chongqing adds station for China-Laos international freight train service” (Xinhua, "
    "3 Mar 2022): http://en.people.cn/n3/2022/0303/c90000-9965242.html"
)
MOHAN_ROAD = (
    "“Chongqing-Vientiane direct road freight opens” (Yunnan Gateway, 29 Apr 2021), via the "
    "Mohan land port: https://english.yunnan.cn/html/2021/asean_0429/23857.html"
)
MOHAN_RAIL = (
    "“More than 1,600 Freight Trains Carrying 1.3M Tons of Goods Operated on China-Laos "
    "Railway” (China Railway, 6 Apr 2022), Mohan Station: "
    "http://www.china-railway.com.cn/english/businesses/freight/202204/t20220406_121029.html"
)
YANGON = (
    "Xinhua, 5 Apr 2022, on the corridor's first route to Yangon (Hellenic Shipping News): "
    "https://www.hellenicshippingnews.com/land-sea-trade-corridor-adds-new-direct-route-to-indian-ocean/"
)
HO_CHI_MINH_CITY = (
    "Liangjiang New Area, 16 Jul 2019, on refrigerated containers from Ho Chi Minh City through "
    "Qinzhou to Chongqing: https://english.liangjiang.gov.cn/2019-07/16/c_800168.htm"
)
INDONESIA = (
    "Liangjiang New Area, 29 Apr 2019, on the new land-sea freight route to Indonesia: "
    "https://english.liangjiang.gov.cn/2019-04/29/c_799885.htm"
)
THAILAND = (
    "“Direct Thailand-China rail cargo service launches” (The Nation Thailand, Dec 2023): "
    "https://www.nationthailand.com/thailand/economy/40034240"
)
SHANGHAI = (
    "China Daily, 26 Sep 2017, on the traditional route from Chongqing via the Yangtze River "
    "and Shanghai (Liangjiang New Area): https://english.liangjiang.gov.cn/2017-09/26/c_803629.htm"
)

# Every place on the maps. ``coords`` names the data set and the code that give its point;
# ``expect`` is the name that entry must carry there (a guard against a wrong code), and
# ``coords_note`` says what the point stands for when it is not the place itself.
PLACES: list[dict[str, str]] = [
    {
        "id": "chongqing",
        "name_en": "Chongqing",
        "name_zh": "重庆",
        "country": "CHN",
        "kind": "origin",
        "corridor": "china_europe;land_sea;yangtze",
        "coords": "searoute:CNCKG",
        "expect": "Chongqing",
        "coords_note": "searoute port CNCKG (Chongqing, a Yangtze river port); stands for the city",
        "note": "origin of every route",
        "source": PLAN,
        "confidence": "H",
    },
    {
        "id": "qinzhou",
        "name_en": "Qinzhou",
        "name_zh": "钦州",
        "country": "CHN",
        "kind": "sea_port",
        "corridor": "land_sea",
        "coords": "searoute:CNQZH",
        "expect": "Qinzhou",
        "note": "gateway port on the Beibu Gulf (Guangxi): rail from Chongqing, then sea",
        "source": SINGAPORE_2017,
        "confidence": "H",
    },
    {
        "id": "fangchenggang",
        "name_en": "Fangchenggang",
        "name_zh": "防城港",
        "country": "CHN",
        "kind": "sea_port",
        "corridor": "land_sea",
        "coords": "searoute:CNFAN",
        "expect": "Fangcheng",
        "coords_note": "searoute port CNFAN, listed as 'Fangcheng'",
        "source": FANGCHENGGANG,
        "confidence": "M",
        "note": "gateway port (Guangxi): cold-chain trains to Chongqing; no route drawn through it",
    },
    {
        "id": "yangpu",
        "name_en": "Yangpu",
        "name_zh": "洋浦",
        "country": "CHN",
        "kind": "sea_port",
        "corridor": "land_sea",
        "coords": "searoute:CNYPG",
        "expect": "Yangpu",
        "source": YANGPU,
        "confidence": "H",
        "note": "gateway port (Hainan) named as a corridor port; no route is drawn through it",
    },
    {
        "id": "pingxiang",
        "name_en": "Pingxiang",
        "name_zh": "凭祥",
        "country": "CHN",
        "kind": "border_crossing",
        "corridor": "china_europe;land_sea",
        "coords": "airportsdata:NNG",
        "expect": "Nanning",
        "coords_note": (
            "approximate: coordinates of NNG airport (Nanning Wuxu), the nearest airport serving "
            "Pingxiang (Guangxi), which has no port or airport in either data set; the crossing "
            "itself lies to the south-west, on the border with Viet Nam"
        ),
        "note": "border crossing: rail to Hanoi; also listed among the China-Europe border exits",
        "source": f"{HANOI_2018}; {CRE_2019}",
        "confidence": "H",
    },
    {
        "id": "mohan",
        "name_en": "Mohan",
        "name_zh": "磨憨",
        "country": "CHN",
        "kind": "border_crossing",
        "corridor": "land_sea",
        "coords": "airportsdata:JHG",
        "expect": "Jinghong",
        "coords_note": (
            "approximate: coordinates of JHG airport (Xishuangbanna Gasa), the airport of "
            "Xishuangbanna prefecture, to which Mohan belongs; Mohan has no port or airport in "
            "either data set; the crossing itself lies to the south-east, on the border with Laos"
        ),
        "note": "border crossing: China-Laos railway to Vientiane",
        "source": f"{MOHAN_ROAD}; {MOHAN_RAIL}",
        "confidence": "M-H",
    },
    {
        "id": "hanoi",
        "name_en": "Hanoi",
        "name_zh": "河内",
        "country": "VNM",
        "kind": "rail_terminus",
        "corridor": "land_sea",
        "coords": "searoute:VNHAN",
        "expect": "Hanoi",
        "coords_note": "searoute port VNHAN (Hanoi, on the Red River); stands for the city",
        "note": "reached by rail through Pingxiang",
        "source": f"{HANOI_2018}; {HANOI_2022}",
        "confidence": "H",
    },
    {
        "id": "vientiane",
        "name_en": "Vientiane",
        "name_zh": "万象",
        "country": "LAO",
        "kind": "rail_terminus",
        "corridor": "land_sea",
        "coords": "airportsdata:VTE",
        "expect": "Vientiane",
        "note": "reached by the China-Laos railway through Mohan",
        "source": VIENTIANE_2022,
        "confidence": "H",
    },
    {
        "id": "yangon",
        "name_en": "Yangon",
        "name_zh": "仰光",
        "country": "MMR",
        "kind": "sea_port",
        "corridor": "land_sea",
        "coords": "searoute:MMRGN",
        "expect": "Yangon",
        "source": YANGON,
        "confidence": "M-H",
        "note": "rail to Vientiane, then road through Thailand (2022); no line is drawn",
    },
    {
        "id": "singapore",
        "name_en": "Singapore",
        "name_zh": "新加坡",
        "country": "SGP",
        "kind": "sea_port",
        "corridor": "land_sea",
        "coords": "searoute:SGSIN",
        "expect": "Singapore",
        "note": "by sea from Qinzhou",
        "source": SINGAPORE_2017,
        "confidence": "H",
    },
    {
        "id": "ho_chi_minh_city",
        "name_en": "Ho Chi Minh City",
        "name_zh": "胡志明市",
        "country": "VNM",
        "kind": "sea_port",
        "corridor": "land_sea",
        "coords": "searoute:VNSGN",
        "expect": "Ho Chi Minh City",
        "source": HO_CHI_MINH_CITY,
        "confidence": "H",
        "note": "by sea to Qinzhou, then rail to Chongqing (refrigerated containers, 2019)",
    },
    {
        "id": "shanghai",
        "name_en": "Shanghai",
        "name_zh": "上海",
        "country": "CHN",
        "kind": "sea_port",
        "corridor": "yangtze",
        "coords": "searoute:CNSHA",
        "expect": "Shanghai",
        "source": SHANGHAI,
        "confidence": "H",
        "note": (
            "the Yangtze's sea gateway: the traditional route from Chongqing runs down the "
            "Yangtze River through Shanghai"
        ),
    },
    {
        "id": "duisburg",
        "name_en": "Duisburg",
        "name_zh": "杜伊斯堡",
        "country": "DEU",
        "kind": "rail_terminus",
        "corridor": "china_europe",
        "coords": "searoute:DEDUI",
        "expect": "Duisburg",
        "coords_note": "searoute port DEDUI (Duisburg, an inland port); stands for the city",
        "note": "main terminus; via Kazakhstan, Russia, Belarus, Poland",
        "source": f"{CRE_2019}; {CHINA_DAILY_2013}",
        "confidence": "H",
    },
    {
        "id": "poznan",
        "name_en": "Poznań",
        "name_zh": "波兹南",
        "country": "POL",
        "kind": "rail_terminus",
        "corridor": "china_europe",
        "coords": "searoute:PLPOZ",
        "expect": "Poznan",
        "coords_note": "searoute port list entry PLPOZ (Poznan, inland); stands for the city",
        "source": POZNAN,
        "confidence": "M",
        "note": "exits China through Alashankou",
    },
    {
        "id": "tashkent",
        "name_en": "Tashkent",
        "name_zh": "塔什干",
        "country": "UZB",
        "kind": "rail_terminus",
        "corridor": "china_europe",
        "coords": "airportsdata:TAS",
        "expect": "Tashkent",
        "first_service": "2025-04",
        "note": "regular service since April 2025, via Horgos",
        "source": TASHKENT,
        "confidence": "H",
    },
    {
        "id": "alashankou",
        "name_en": "Alashankou",
        "name_zh": "阿拉山口",
        "country": "CHN",
        "kind": "border_crossing",
        "corridor": "china_europe",
        "coords": "airportsdata:BPL",
        "expect": "Bole",
        "coords_note": (
            "approximate: coordinates of BPL airport (Alashankou Bole), which serves Alashankou "
            "and Bole; the crossing itself is in neither data set"
        ),
        "note": "border exit (to Kazakhstan)",
        "source": f"{CRE_2019}; {CHINA_DAILY_2013}",
        "confidence": "H",
    },
    {
        "id": "horgos",
        "name_en": "Horgos",
        "name_zh": "霍尔果斯",
        "country": "CHN",
        "kind": "border_crossing",
        "corridor": "china_europe",
        "coords": "airportsdata:YIN",
        "expect": "Yining",
        "coords_note": (
            "approximate: coordinates of YIN airport (Yining), the airport of Ili prefecture, to "
            "which Horgos belongs; Horgos has no port or airport in either data set; the "
            "crossing itself lies to the west, on the border with Kazakhstan"
        ),
        "note": "border exit (to Kazakhstan); the Tashkent service runs through it",
        "source": CRE_2019,
        "confidence": "H",
    },
    {
        "id": "erenhot",
        "name_en": "Erenhot",
        "name_zh": "二连浩特",
        "country": "CHN",
        "kind": "border_crossing",
        "corridor": "china_europe",
        "coords": "airportsdata:ERL",
        "expect": "Erenhot",
        "note": "border exit (to Mongolia)",
        "source": CRE_2019,
        "confidence": "H",
    },
    {
        "id": "manzhouli",
        "name_en": "Manzhouli",
        "name_zh": "满洲里",
        "country": "CHN",
        "kind": "border_crossing",
        "corridor": "china_europe",
        "coords": "airportsdata:NZH",
        "expect": "Manzhouli",
        "note": "border exit (to Russia)",
        "source": CRE_2019,
        "confidence": "H",
    },
    {
        "id": "suifenhe",
        "name_en": "Suifenhe",
        "name_zh": "绥芬河",
        "country": "CHN",
        "kind": "border_crossing",
        "corridor": "china_europe",
        "coords": "airportsdata:MDG",
        "expect": "Mudanjiang",
        "coords_note": (
            "approximate: coordinates of MDG airport (Mudanjiang Hailang), the airport of "
            "Mudanjiang prefecture, to which Suifenhe belongs; Suifenhe has no port or airport "
            "in either data set; the crossing itself lies to the east, on the border with Russia"
        ),
        "note": "border exit (to Russia)",
        "source": CRE_2019,
        "confidence": "H",
    },
]

# Only the routes a cited publication describes; legs are (mode, from, to) in order. Air: no
# publication read names an air destination with an address, so no air route is drawn.
ROUTES: list[dict] = [
    {
        "id": "land_sea_singapore",
        "corridor": "land_sea",
        "legs": [("rail", "chongqing", "qinzhou"), ("sea", "qinzhou", "singapore")],
        "source": SINGAPORE_2017,
        "note": "rail to Qinzhou, then sea to Singapore",
    },
    {
        "id": "land_sea_hanoi",
        "corridor": "land_sea",
        "legs": [("rail", "chongqing", "pingxiang"), ("rail", "pingxiang", "hanoi")],
        "source": f"{HANOI_2018}; {HANOI_2022}",
        "note": "rail through the Pingxiang crossing",
    },
    {
        "id": "land_sea_vientiane",
        "corridor": "land_sea",
        "legs": [("rail", "chongqing", "mohan"), ("rail", "mohan", "vientiane")],
        "source": f"{VIENTIANE_2022}; {MOHAN_RAIL}",
        "note": "China-Laos railway through the Mohan crossing",
    },
    {
        "id": "china_europe_duisburg",
        "corridor": "china_europe",
        "legs": [("rail", "chongqing", "alashankou"), ("rail", "alashankou", "duisburg")],
        "source": f"{CRE_2019}; {CHINA_DAILY_2013}",
        "note": "through Alashankou (Alataw Pass), then Kazakhstan, Russia, Belarus, Poland",
    },
    {
        "id": "china_europe_poznan",
        "corridor": "china_europe",
        "legs": [("rail", "chongqing", "alashankou"), ("rail", "alashankou", "poznan")],
        "source": POZNAN,
        "note": "exits China through Alashankou; the transit countries are not named",
    },
    {
        "id": "china_europe_tashkent",
        "corridor": "china_europe",
        "legs": [("rail", "chongqing", "horgos"), ("rail", "horgos", "tashkent")],
        "source": TASHKENT,
        "note": "regular since April 2025, through Horgos and Kazakhstan",
    },
    {
        "id": "yangtze_shanghai",
        "corridor": "yangtze",
        "legs": [("river", "chongqing", "shanghai")],
        "source": SHANGHAI,
        "note": (
            "down the Yangtze River to its sea gateway; searoute's sea lanes do not include the "
            "river, so the line is schematic"
        ),
    },
]

# Countries the maps shade, with their role: origin; destination (a place of destinations.csv
# lies there); planned (only planned services); reached (named as reached, no place given);
# transit (named as a country a route passes through).
COUNTRIES: list[dict[str, str]] = [
    {"iso3": "CHN", "roles": "origin", "corridors": "china_europe;land_sea;yangtze",
     "source": PLAN, "note": ""},
    {"iso3": "DEU", "roles": "destination;reached", "corridors": "china_europe",
     "source": f"{CRE_2019}; {EUROPE_2018}",
     "note": "Duisburg; among the European countries reached in 2018"},
    {"iso3": "POL", "roles": "destination;transit", "corridors": "china_europe",
     "source": f"{POZNAN}; {CRE_2019}", "note": "Poznań; transit to Duisburg"},
    {"iso3": "UZB", "roles": "destination", "corridors": "china_europe",
     "source": TASHKENT, "note": "Tashkent"},
    {"iso3": "TUR", "roles": "reached", "corridors": "china_europe", "source": TURKIYE,
     "note": "regular service to Istanbul through the Caspian Sea since July 2025"},
    {"iso3": "NLD", "roles": "reached", "corridors": "china_europe", "source": EUROPE_2018,
     "note": "among the over 30 European countries reported in 2018"},
    {"iso3": "BEL", "roles": "reached", "corridors": "china_europe", "source": EUROPE_2018,
     "note": "among the over 30 European countries reported in 2018"},
    {"iso3": "ITA", "roles": "reached", "corridors": "china_europe", "source": EUROPE_2018,
     "note": "among the over 30 European countries reported in 2018"},
    {"iso3": "KAZ", "roles": "transit", "corridors": "china_europe", "source": CRE_2019,
     "note": "transit to Duisburg"},
    {"iso3": "RUS", "roles": "transit", "corridors": "china_europe", "source": CRE_2019,
     "note": "transit to Duisburg"},
    {"iso3": "BLR", "roles": "transit", "corridors": "china_europe", "source": CRE_2019,
     "note": "transit to Duisburg"},
    {"iso3": "VNM", "roles": "destination", "corridors": "land_sea",
     "source": f"{HANOI_2022}; {HO_CHI_MINH_CITY}",
     "note": "Hanoi by rail; Ho Chi Minh City by sea"},
    {"iso3": "LAO", "roles": "destination", "corridors": "land_sea", "source": VIENTIANE_2022,
     "note": "Vientiane"},
    {"iso3": "MMR", "roles": "destination", "corridors": "land_sea", "source": YANGON,
     "note": "Yangon"},
    {"iso3": "SGP", "roles": "destination", "corridors": "land_sea", "source": SINGAPORE_2017,
     "note": "Singapore"},
    {"iso3": "IDN", "roles": "reached", "corridors": "land_sea", "source": INDONESIA,
     "note": "rail to the Beibu Gulf, then sea to Indonesia (2019); no port named"},
    {"iso3": "THA", "roles": "reached", "corridors": "land_sea", "source": THAILAND,
     "note": "direct rail link with Nong Khai through Laos (December 2023)"},
]  # fmt: skip

# Short names officials use, where pycountry's catalogue gives a long or different form.
NAME_ZH_OVERRIDES = {"LAO": "老挝", "VNM": "越南", "RUS": "俄罗斯", "TUR": "土耳其", "KOR": "韩国"}
NAME_EN_OVERRIDES = {"RUS": "Russia"}

DESTINATION_COLUMNS = (
    "destination_id", "name_en", "name_zh", "country", "kind", "corridor", "latitude",
    "longitude", "first_service", "source", "confidence", "coordinates_source",
    "coordinates_note", "note",
)  # fmt: skip
ROUTE_COLUMNS = (
    "route_id", "corridor", "mode", "origin", "gateways", "destination", "source", "note",
)  # fmt: skip
PATH_COLUMNS = (
    "route_id", "leg", "mode", "leg_from", "leg_to", "sequence", "longitude", "latitude",
)  # fmt: skip
COUNTRY_COLUMNS = (
    "iso3", "name_en", "name_zh", "name_zh_origin", "roles", "corridors", "source", "note",
)  # fmt: skip


class BuildError(Exception):
    """A lookup did not give what the tables above expect."""


def _fmt(value: float) -> str:
    text = f"{value:.{DECIMALS}f}"
    return "0.0000" if text == "-0.0000" else text


def _searoute_ports() -> dict[str, dict]:
    """UN/LOCODE -> {name, lon, lat} from the port list bundled with searoute."""
    text = resources.files("searoute.data").joinpath("ports.geojson").read_text("utf-8")
    ports = {}
    for feature in json.loads(text)["features"]:
        lon, lat = feature["geometry"]["coordinates"][:2]
        props = feature["properties"]
        ports[props["port"]] = {"name": props["name"], "lon": lon, "lat": lat}
    return ports


def _alpha2(iso3: str) -> str:
    import pycountry

    return pycountry.countries.get(alpha_3=iso3).alpha_2


def locate(place: dict[str, str], ports: dict, airports: dict) -> tuple[float, float, str]:
    """(lon, lat, note) of a place from the data set and code its ``coords`` names."""
    dataset, code = place["coords"].split(":")
    if dataset == "searoute":
        entry = ports.get(code)
        if entry is None or entry["name"] != place["expect"]:
            raise BuildError(f"{place['id']}: searoute has no port {code} named {place['expect']}")
        if code[:2] != _alpha2(place["country"]):
            raise BuildError(f"{place['id']}: {code} is not in {place['country']}")
        note = place.get("coords_note") or f"searoute port {code} ({entry['name']})"
        return entry["lon"], entry["lat"], note
    if dataset == "airportsdata":
        entry = airports.get(code)
        if entry is None or entry["city"] != place["expect"]:
            raise BuildError(f"{place['id']}: airportsdata has no {code} in {place['expect']}")
        if entry["country"] != _alpha2(place["country"]):
            raise BuildError(f"{place['id']}: {code} is not in {place['country']}")
        note = place.get("coords_note") or (
            f"coordinates of {code} airport ({entry['name']}) serving the city"
        )
        return entry["lon"], entry["lat"], note
    raise BuildError(f"{place['id']}: unknown coordinates data set {dataset}")


def _merged_modes(legs: list[tuple[str, str, str]]) -> str:
    modes: list[str] = []
    for mode, _, _ in legs:
        if not modes or modes[-1] != mode:
            modes.append(mode)
    return ";".join(modes)


def _leg_points(mode: str, start: tuple[float, float], end: tuple[float, float]) -> list:
    """Points of one leg, rounded, consecutive duplicates dropped."""
    if mode == "sea":
        import searoute

        feature = searoute.searoute(list(start), list(end), append_orig_dest=True)
        raw = feature["geometry"]["coordinates"]
    else:
        raw = [start, end]  # rail and river: schematic straight segment
    points: list[tuple[str, str]] = []
    for lon, lat in raw:
        point = (_fmt(lon), _fmt(lat))
        if not points or points[-1] != point:
            points.append(point)
    if mode == "sea" and len(points) <= 2:
        raise BuildError(f"searoute gave no sea lane between {start} and {end}")
    return points


def _country_names() -> dict[str, dict[str, str]]:
    import pycountry

    zh = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["zh_CN"])
    names = {}
    for row in COUNTRIES:
        country = pycountry.countries.get(alpha_3=row["iso3"])
        english = getattr(country, "common_name", None) or country.name
        translated = zh.gettext(english)
        if translated == english:  # no catalogue entry for the common name
            translated = zh.gettext(country.name)
        override = NAME_ZH_OVERRIDES.get(row["iso3"])
        if override and override != translated:
            name_zh, origin = override, "override"
        elif translated in (english, country.name):
            raise BuildError(f"{row['iso3']}: no Chinese name in pycountry and no override")
        else:
            name_zh, origin = translated, "pycountry"
        names[row["iso3"]] = {
            "name_en": NAME_EN_OVERRIDES.get(row["iso3"], english),
            "name_zh": name_zh,
            "name_zh_origin": origin,
        }
    return names


def build() -> dict[str, list[dict[str, str]]]:
    """Every output file's rows, sorted, as strings."""
    import airportsdata

    ports = _searoute_ports()
    airports = airportsdata.load("IATA")

    destinations, where = [], {}
    for place in PLACES:
        lon, lat, note = locate(place, ports, airports)
        where[place["id"]] = (lon, lat)
        destinations.append(
            {
                "destination_id": place["id"],
                "name_en": place["name_en"],
                "name_zh": place["name_zh"],
                "country": place["country"],
                "kind": place["kind"],
                "corridor": place["corridor"],
                "latitude": _fmt(lat),
                "longitude": _fmt(lon),
                "first_service": place.get("first_service", ""),
                "source": place["source"],
                "confidence": place.get("confidence", ""),
                "coordinates_source": place["coords"],
                "coordinates_note": note,
                "note": place.get("note", ""),
            }
        )

    routes, paths = [], []
    for route in ROUTES:
        legs = route["legs"]
        stops = [legs[0][1]] + [to for _, _, to in legs]
        routes.append(
            {
                "route_id": route["id"],
                "corridor": route["corridor"],
                "mode": _merged_modes(legs),
                "origin": stops[0],
                "gateways": ";".join(stops[1:-1]),
                "destination": stops[-1],
                "source": route["source"],
                "note": route["note"],
            }
        )
        for leg_number, (mode, start, end) in enumerate(legs, start=1):
            points = _leg_points(mode, where[start], where[end])
            for sequence, (lon, lat) in enumerate(points):
                paths.append(
                    {
                        "route_id": route["id"],
                        "leg": str(leg_number),
                        "mode": mode,
                        "leg_from": start,
                        "leg_to": end,
                        "sequence": str(sequence),
                        "longitude": lon,
                        "latitude": lat,
                    }
                )

    names = _country_names()
    countries = [{"iso3": row["iso3"], **names[row["iso3"]], **row} for row in COUNTRIES]

    return {
        "destinations.csv": sorted(destinations, key=lambda r: r["destination_id"]),
        "routes.csv": sorted(routes, key=lambda r: r["route_id"]),
        "route_paths.csv": sorted(
            paths, key=lambda r: (r["route_id"], int(r["leg"]), int(r["sequence"]))
        ),
        "country_names.csv": sorted(countries, key=lambda r: r["iso3"]),
    }


COLUMNS = {
    "destinations.csv": DESTINATION_COLUMNS,
    "routes.csv": ROUTE_COLUMNS,
    "route_paths.csv": PATH_COLUMNS,
    "country_names.csv": COUNTRY_COLUMNS,
}


def _validate(tables: dict[str, list[dict[str, str]]]) -> None:
    """The cross-file rules the tests check again on the committed files."""
    problems = []
    ids = {row["destination_id"] for row in tables["destinations.csv"]}
    countries = {row["iso3"] for row in tables["country_names.csv"]}
    for row in tables["destinations.csv"]:
        if row["kind"] not in KINDS or not set(row["corridor"].split(";")) <= set(CORRIDORS):
            problems.append(f"{row['destination_id']}: kind or corridor")
        if row["country"] not in countries:
            problems.append(f"{row['destination_id']}: {row['country']} not in country_names")
    for row in tables["routes.csv"]:
        stops = [row["origin"], *filter(None, row["gateways"].split(";")), row["destination"]]
        if row["corridor"] not in CORRIDORS or not set(row["mode"].split(";")) <= set(MODES):
            problems.append(f"{row['route_id']}: corridor or mode")
        if not set(stops) <= ids:
            problems.append(f"{row['route_id']}: unknown stop in {stops}")
    if problems:
        raise BuildError("; ".join(problems))


def render(name: str, rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS[name], lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args(argv)

    for package, version in BUILT_WITH.items():
        installed = importlib.metadata.version(package)
        if installed != version:
            print(f"warning: {package} {installed} installed, files built with {version}")

    tables = build()
    _validate(tables)
    changed = []
    for name, rows in tables.items():
        path = DATA / name
        text = render(name, rows)
        old = path.read_text("utf-8") if path.exists() else None
        if old != text:
            changed.append(name)
            if not args.check:
                path.write_text(text, encoding="utf-8", newline="")
        print(f"{name}: {len(rows)} rows, {len(text.encode())} bytes")
    if args.check and changed:
        print("out of date: " + ", ".join(changed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
