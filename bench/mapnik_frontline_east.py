#!/usr/bin/python3
"""The frontline-east scene rendered by Mapnik (AGG), for bench/frontline-east.sh.

Same layers as frontmap's render of the scene: sea background, countries, admin-1 of
UA RU BY MD RO PL, the 2025-12-02 DeepState polygon filled with a 45-degree hatch, the 300
most populous places in the extent with markers and labels (collision avoidance on: Mapnik's
default allow-overlap=false), a title. Usage: mapnik_frontline_east.py BASE.gpkg POLYGON OUT.png
"""
import os
import sys
import tempfile

import mapnik

W, E, S, N = 30.0, 41.0, 44.0, 52.5
SRS = "+proj=lcc +lat_1=45 +lat_2=52 +lat_0=48 +lon_0=35 +datum=WGS84 +units=m +no_defs"
HATCH = """<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">
<path d="M-1,11 L11,-1 M-6,6 L6,-6 M4,16 L16,4" stroke="#b00000" stroke-width="1.2"/></svg>"""

XML = """<Map srs="{srs}" background-color="#b9d3e6">
 <Style name="countries"><Rule>
  <PolygonSymbolizer fill="#e9e5dc"/><LineSymbolizer stroke="#8a8a8a" stroke-width="0.8"/>
 </Rule></Style>
 <Style name="admin1"><Rule>
  <Filter>[iso_a2] = 'UA'</Filter>
  <PolygonSymbolizer fill="#fbf8ef"/><LineSymbolizer stroke="#9a948a" stroke-width="0.7" stroke-dasharray="3,2"/>
 </Rule><Rule><ElseFilter/>
  <LineSymbolizer stroke="#b0aca4" stroke-width="0.4"/>
 </Rule></Style>
 <Style name="control"><Rule>
  <PolygonSymbolizer fill="#e35d5d" fill-opacity="0.5"/>
  <PolygonPatternSymbolizer file="{hatch}"/>
  <LineSymbolizer stroke="#b00000" stroke-width="2.4"/>
 </Rule></Style>
 <Style name="places"><Rule>
  <MarkersSymbolizer width="5" height="5" fill="#555555" stroke="#ffffff" stroke-width="0.8" allow-overlap="true"/>
  <TextSymbolizer face-name="DejaVu Sans Book" size="11" fill="#1a1a1a" halo-fill="#ffffff" halo-radius="1.6"
   placement-type="simple" placements="E,W,N,S,NE,SE,NW,SW" dx="5" dy="5" allow-overlap="false">[name]</TextSymbolizer>
 </Rule></Style>
 <Style name="title"><Rule>
  <TextSymbolizer face-name="DejaVu Sans Bold" size="22" fill="#1a1a1a" allow-overlap="true">[title]</TextSymbolizer>
 </Rule></Style>
 <Layer name="countries" srs="+proj=longlat +datum=WGS84"><StyleName>countries</StyleName>
  <Datasource><Parameter name="type">ogr</Parameter><Parameter name="file">{base}</Parameter>
   <Parameter name="layer">countries</Parameter></Datasource></Layer>
 <Layer name="admin1" srs="+proj=longlat +datum=WGS84"><StyleName>admin1</StyleName>
  <Datasource><Parameter name="type">ogr</Parameter><Parameter name="file">{base}</Parameter>
   <Parameter name="layer_by_sql">SELECT * FROM admin1 WHERE iso_a2 IN ('UA','RU','BY','MD','RO','PL') OR iso_3166_2 LIKE 'UA-%'</Parameter></Datasource></Layer>
 <Layer name="control" srs="+proj=longlat +datum=WGS84"><StyleName>control</StyleName>
  <Datasource><Parameter name="type">geojson</Parameter><Parameter name="file">{polygon}</Parameter></Datasource></Layer>
 <Layer name="places" srs="+proj=longlat +datum=WGS84"><StyleName>places</StyleName>
  <Datasource><Parameter name="type">ogr</Parameter><Parameter name="file">{base}</Parameter>
   <Parameter name="layer_by_sql">SELECT * FROM places WHERE ST_X(geom) BETWEEN {w} AND {e} AND ST_Y(geom) BETWEEN {s} AND {n} ORDER BY population DESC LIMIT 300</Parameter></Datasource></Layer>
 <Layer name="title" srs="+proj=longlat +datum=WGS84"><StyleName>title</StyleName>
  <Datasource><Parameter name="type">csv</Parameter><Parameter name="inline">
lon,lat,title
{tlon},{tlat},Frontline east
</Parameter></Datasource></Layer>
</Map>"""


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: mapnik_frontline_east.py BASE.gpkg POLYGON.geojson OUT.png")
    base, polygon, out = sys.argv[1:]
    mapnik.register_fonts("/usr/share/fonts/truetype/dejavu/")
    with tempfile.TemporaryDirectory() as tmp:
        hatch = os.path.join(tmp, "hatch.svg")
        with open(hatch, "w") as f:
            f.write(HATCH)
        m = mapnik.Map(1600, 1200)
        xml = XML.format(srs=SRS, hatch=hatch, base=base, polygon=polygon, w=W, e=E, s=S, n=N,
                         tlon=31.8, tlat=52.3)
        mapnik.load_map_from_string(m, xml)
        prj = mapnik.ProjTransform(mapnik.Projection("epsg:4326"), mapnik.Projection(SRS))
        # The projected outline of the extent, sampled (parallels curve in a conic), as frontmap fits it.
        pts = []
        for i in range(33):
            t = i / 32.0
            for lon, lat in ((W + t * (E - W), S), (W + t * (E - W), N), (W, S + t * (N - S)), (E, S + t * (N - S))):
                pts.append(prj.forward(mapnik.Coord(lon, lat)))
        m.zoom_to_box(mapnik.Box2d(min(p.x for p in pts), min(p.y for p in pts),
                                   max(p.x for p in pts), max(p.y for p in pts)))
        mapnik.render_to_file(m, out, "png")


if __name__ == "__main__":
    main()
