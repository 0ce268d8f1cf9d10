"""The offset coordinates Chinese web maps show, back to CGCS2000 / WGS84 longitude-latitude.

GCJ-02 (国测局坐标, shown by AMap/高德, Tencent and Google's China map) is WGS84 shifted by
the published polynomial offset on the Krasovsky ellipsoid constants (a = 6378245 m);
BD-09 (Baidu) is GCJ-02 rotated and shifted once more. The forward transforms are the
standard published formulae; GCJ-02 → WGS84 has no closed form and is inverted by
fixed-point iteration to better than 1e-9 degree (about 0.1 mm), where the common
one-step inverse is off by up to a metre or two.

CGCS2000 and WGS84 differ by centimetres at the scale of a site: both are taken as the
same longitude-latitude here.
"""

from __future__ import annotations

import math
from collections.abc import Callable

A = 6378245.0
EE = 0.00669342162296594323
X_PI = math.pi * 3000.0 / 180.0
#: the offset is applied only inside this box, as the published algorithm does
_CHINA_BOX = (72.004, 0.8293, 137.8347, 55.8271)

Transform = Callable[[float, float], tuple[float, float]]


def out_of_china(lon: float, lat: float) -> bool:
    west, south, east, north = _CHINA_BOX
    return not (west <= lon <= east and south <= lat <= north)


def _offset(lon: float, lat: float) -> tuple[float, float]:
    """The GCJ-02 offset (degrees of longitude, latitude) at a WGS84 point."""
    x, y = lon - 105.0, lat - 35.0
    dlat = (-100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y
            + 0.2 * math.sqrt(abs(x)))
    dlat += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2 / 3
    dlat += (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2 / 3
    dlat += (160.0 * math.sin(y / 12.0 * math.pi) + 320.0 * math.sin(y * math.pi / 30.0)) * 2 / 3
    dlon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    dlon += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2 / 3
    dlon += (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2 / 3
    dlon += (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2 / 3
    rad = lat / 180.0 * math.pi
    magic = 1 - EE * math.sin(rad) ** 2
    sqrt_magic = math.sqrt(magic)
    dlat = dlat * 180.0 / ((A * (1 - EE)) / (magic * sqrt_magic) * math.pi)
    dlon = dlon * 180.0 / (A / sqrt_magic * math.cos(rad) * math.pi)
    return dlon, dlat


def wgs84_to_gcj02(lon: float, lat: float) -> tuple[float, float]:
    if out_of_china(lon, lat):
        return lon, lat
    dlon, dlat = _offset(lon, lat)
    return lon + dlon, lat + dlat


def gcj02_to_wgs84(lon: float, lat: float) -> tuple[float, float]:
    """Inverse of ``wgs84_to_gcj02`` by iteration (converges in 3-4 steps)."""
    if out_of_china(lon, lat):
        return lon, lat
    wlon, wlat = lon, lat
    for _ in range(30):
        glon, glat = wgs84_to_gcj02(wlon, wlat)
        err_lon, err_lat = lon - glon, lat - glat
        wlon, wlat = wlon + err_lon, wlat + err_lat
        if abs(err_lon) < 1e-11 and abs(err_lat) < 1e-11:
            break
    return wlon, wlat


def gcj02_to_bd09(lon: float, lat: float) -> tuple[float, float]:
    z = math.sqrt(lon * lon + lat * lat) + 0.00002 * math.sin(lat * X_PI)
    theta = math.atan2(lat, lon) + 0.000003 * math.cos(lon * X_PI)
    return z * math.cos(theta) + 0.0065, z * math.sin(theta) + 0.006


def bd09_to_gcj02(lon: float, lat: float) -> tuple[float, float]:
    x, y = lon - 0.0065, lat - 0.006
    z = math.sqrt(x * x + y * y) - 0.00002 * math.sin(y * X_PI)
    theta = math.atan2(y, x) - 0.000003 * math.cos(x * X_PI)
    return z * math.cos(theta), z * math.sin(theta)


def bd09_to_wgs84(lon: float, lat: float) -> tuple[float, float]:
    return gcj02_to_wgs84(*bd09_to_gcj02(lon, lat))


def wgs84_to_bd09(lon: float, lat: float) -> tuple[float, float]:
    return gcj02_to_bd09(*wgs84_to_gcj02(lon, lat))


def _same(lon: float, lat: float) -> tuple[float, float]:
    return lon, lat


#: coordinate system named in a proposal → its transform to CGCS2000/WGS84 lon-lat
TO_WGS84: dict[str, Transform] = {
    "CGCS2000": _same, "WGS84": _same, "GCJ-02": gcj02_to_wgs84, "BD-09": bd09_to_wgs84,
}
#: and back, for drawing a site where the officer's map would show it
FROM_WGS84: dict[str, Transform] = {
    "CGCS2000": _same, "WGS84": _same, "GCJ-02": wgs84_to_gcj02, "BD-09": wgs84_to_bd09,
}
