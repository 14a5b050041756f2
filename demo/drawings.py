"""Original illustrations for the Limber demo content, drawn with Pillow.

Each picture is a simple, friendly figure (a round head, thick rounded limbs) posed on a
mat, a chair or the floor, against a calm sand background. No fonts, files or randomness
are used, so every render is identical.

Poses are described with a little forward kinematics rather than raw coordinates: a hip
position, a torso angle, and for each limb either two angles or a point for the hand or
foot to reach. That keeps the body's proportions the same from one picture to the next.

Coordinates are in a 960 x 640 design space and are scaled (keeping the aspect ratio) to
whatever size is asked for. Angles are in degrees, anticlockwise from "pointing right":
0 is right, 90 is straight up, 180 is left and 270 is straight down.

``DRAWINGS`` maps a key to a function ``(draw, w, h) -> None``; ``render(key)`` returns JPEG
bytes. Images are drawn at twice the size and scaled down, which smooths the edges.
"""

import io
import math

from PIL import Image, ImageDraw

BASE_W, BASE_H = 960, 640
SUPERSAMPLE = 2

# Palette
SAND = "#f5efe6"
SAND_DARK = "#ebe1d2"
SAND_DEEP = "#ddd0bc"
TEAL = "#0f766e"
TEAL_LIGHT = "#5ea9a1"
TEAL_PALE = "#cfe5e1"
TEAL_MIST = "#e3efe9"
CORAL = "#e76f51"
CORAL_PALE = "#f4d3c6"
SLATE = "#334155"
SLATE_LIGHT = "#74829a"
SKIN = "#e9b994"
HAIR = "#4b3b31"
SHOE = "#1f2937"
WOOD = "#c0895a"
WOOD_DARK = "#98673f"
WHITE = "#fffdf9"

FLOOR = 560  # where standing feet and chair legs meet the floor
MAT = FLOOR - 14  # the top of an exercise mat seen from the side

# Body proportions, in design units.
TORSO = 150  # hip to shoulder
HEAD_R = 36
HEAD_GAP = 68  # shoulder to the centre of the head
THIGH, SHIN, FOOT = 125, 120, 34
UPPER_ARM, FOREARM = 90, 85
TORSO_W, LEG_W, ARM_W = 62, 36, 26


# --------------------------------------------------------------------------- geometry


def polar(origin, angle, length):
    """The point `length` away from `origin` in direction `angle` (screen y points down)."""
    a = math.radians(angle)
    return (origin[0] + length * math.cos(a), origin[1] - length * math.sin(a))


def angle_to(a, b):
    return math.degrees(math.atan2(a[1] - b[1], b[0] - a[0]))


def two_link(root, target, l1, l2, bend):
    """Middle and end joints of a two-part limb reaching from `root` towards `target`.

    `bend` (+1 or -1) chooses which way the knee or elbow points: +1 turns the first part
    anticlockwise from the straight line to the target. Out of reach, the limb points straight
    at the target.
    """
    d = math.dist(root, target)
    base = angle_to(root, target)
    d = min(max(d, abs(l1 - l2) + 1e-3), l1 + l2 - 1e-3)
    cos_a = (l1 * l1 + d * d - l2 * l2) / (2 * l1 * d)
    alpha = math.degrees(math.acos(max(-1.0, min(1.0, cos_a))))
    joint = polar(root, base + bend * alpha, l1)
    return joint, polar(joint, angle_to(joint, target), l2)


def bent(first, second, end=None, k=(1.0, 1.0)):
    """A limb given by the absolute angles of its two parts (`k` scales their lengths)."""
    return {"angles": (first, second), "end": end, "k": k}


def reach(x, y, bend=1, end=None, k=(1.0, 1.0)):
    """A limb whose hand or foot reaches for the point (x, y)."""
    return {"to": (x, y), "bend": bend, "end": end, "k": k}


def solve_limb(root, spec, l1, l2):
    l1, l2 = l1 * spec["k"][0], l2 * spec["k"][1]
    if "angles" in spec:
        joint = polar(root, spec["angles"][0], l1)
        return joint, polar(joint, spec["angles"][1], l2)
    return two_link(root, spec["to"], l1, l2, spec["bend"])


# --------------------------------------------------------------------------- canvas


class Canvas:
    """Draws in design units on an ImageDraw of any size, centred and uniformly scaled."""

    def __init__(self, draw, w, h, view=(0, 0, BASE_W, BASE_H)):
        """`view`: the part of the design space (x0, y0, x1, y1) to fit to the picture."""
        self.draw = draw
        self.w, self.h = w, h
        x0, y0, x1, y1 = view
        self.s = min(w / (x1 - x0), h / (y1 - y0))
        self.ox = (w - (x1 + x0) * self.s) / 2
        self.oy = (h - (y1 + y0) * self.s) / 2

    def xy(self, p):
        return (self.ox + p[0] * self.s, self.oy + p[1] * self.s)

    def px(self, v):
        return max(1, round(v * self.s))

    def fill(self, colour):
        self.draw.rectangle((0, 0, self.w, self.h), fill=colour)

    def band(self, top, colour):
        """Fill from design height `top` to the bottom edge, across the full width."""
        self.draw.rectangle((0, self.xy((0, top))[1], self.w, self.h), fill=colour)

    def circle(self, centre, r, fill=None, outline=None, width=0):
        x, y = self.xy(centre)
        rr = r * self.s
        self.draw.ellipse(
            (x - rr, y - rr, x + rr, y + rr), fill=fill, outline=outline, width=self.px(width) if width else 0
        )

    def ellipse(self, box, fill=None, outline=None, width=0):
        (x0, y0), (x1, y1) = self.xy(box[:2]), self.xy(box[2:])
        self.draw.ellipse((x0, y0, x1, y1), fill=fill, outline=outline, width=self.px(width) if width else 0)

    def line(self, points, width, fill):
        """A thick polyline with rounded ends and joints."""
        pts = [self.xy(p) for p in points]
        w = self.px(width)
        if len(pts) > 1:
            self.draw.line(pts, fill=fill, width=w, joint="curve")
        r = w / 2
        for x, y in pts:
            self.draw.ellipse((x - r, y - r, x + r, y + r), fill=fill)

    def rect(self, box, fill, radius=0, outline=None, width=0):
        (x0, y0), (x1, y1) = self.xy(box[:2]), self.xy(box[2:])
        self.draw.rounded_rectangle(
            (x0, y0, x1, y1),
            radius=radius * self.s,
            fill=fill,
            outline=outline,
            width=self.px(width) if width else 0,
        )

    def ribbon(self, points, width, fill):
        """A thick smooth curve with rounded ends, drawn as one outline (no seams)."""
        left, right = [], []
        for i, p in enumerate(points):
            a, b = points[max(0, i - 1)], points[min(len(points) - 1, i + 1)]
            normal = angle_to(a, b) + 90
            left.append(polar(p, normal, width / 2))
            right.append(polar(p, normal, -width / 2))
        self.polygon(left + right[::-1], fill)
        self.circle(points[0], width / 2, fill)
        self.circle(points[-1], width / 2, fill)

    def polygon(self, points, fill):
        self.draw.polygon([self.xy(p) for p in points], fill=fill)

    def chord(self, centre, r, start, end, fill):
        """The part of a circle between two angles (anticlockwise, in degrees)."""
        x, y = self.xy(centre)
        rr = r * self.s
        self.draw.chord((x - rr, y - rr, x + rr, y + rr), -end, -start, fill=fill)

    def arrowhead(self, tip, direction, size, fill):
        back = polar(tip, direction + 180, size)
        self.polygon(
            [tip, polar(back, direction + 90, size * 0.6), polar(back, direction - 90, size * 0.6)], fill
        )

    def arrow(self, start, end, fill=CORAL, width=8):
        direction = angle_to(start, end)
        self.line([start, polar(end, direction + 180, width * 1.8)], width, fill)
        self.arrowhead(end, direction, width * 2.8, fill)

    def arc(self, centre, r, start, end, fill, width, ry=None):
        """A plain arc (no arrowhead), angles anticlockwise in degrees."""
        self.line(_arc_points(centre, r, ry, start, end), width, fill)

    def arc_arrow(self, centre, r, start, end, fill=CORAL, width=8, ry=None, both=False):
        """An arrow along a circular (or, with `ry`, elliptical) arc from angle `start` to `end`."""
        pts = _arc_points(centre, r, ry, start, end)
        head = width * 2.8
        # Trim the arc so the line does not poke through the arrowheads.
        trim = max(1, int(len(pts) * head * 0.6 / max(1.0, _length(pts))))
        body = pts[trim if both else 0 : len(pts) - trim]
        self.line(body, width, fill)
        self.arrowhead(pts[-1], angle_to(pts[-2], pts[-1]), head, fill)
        if both:
            self.arrowhead(pts[0], angle_to(pts[1], pts[0]), head, fill)


def _arc_points(centre, r, ry, start, end):
    ry = r if ry is None else ry
    steps = max(8, int(abs(end - start) / 4))
    return [
        (centre[0] + r * math.cos(math.radians(a)), centre[1] - ry * math.sin(math.radians(a)))
        for a in (start + (end - start) * i / steps for i in range(steps + 1))
    ]


def _length(points):
    return sum(math.dist(a, b) for a, b in zip(points, points[1:], strict=False))


# --------------------------------------------------------------------------- the figure


def figure(
    c,
    hip,
    torso=90,
    neck=0,
    near_leg=None,
    far_leg=None,
    near_arm=None,
    far_arm=None,
    face=0,
    spread=0,
    arch=0,
    look=0.0,
    order=("far_arm", "far_leg", "torso", "near_leg", "near_arm", "head"),
):
    """Draw a person and return their joints (useful for placing straps, arrows and props).

    `torso` is the direction from hip to shoulder; `neck` tilts the head from that line.
    `face` is the direction the face points, or None for a figure facing us (two eyes;
    `look` shifts them sideways). `spread` separates left and right limbs for front and
    top-down views (near limbs go to the right of the torso's direction). `arch` bows the
    back: positive bows it to the left of the torso's direction. `order` lists the parts
    from back to front, for poses where a far limb crosses in front of the body.
    """
    near_leg = near_leg or bent(270, 270)
    far_leg = far_leg or bent(270, 270)
    near_arm = near_arm or bent(270, 270)
    far_arm = far_arm or bent(270, 270)

    shoulder = polar(hip, torso, TORSO)
    side = torso - 90
    head_dir = torso + neck
    head = polar(shoulder, head_dir, HEAD_GAP)
    torso_w = TORSO_W + spread * 0.8

    def root(point, amount):
        return polar(point, side, amount)

    legs = {
        "near": (root(hip, spread * 0.6), near_leg),
        "far": (root(hip, -spread * 0.6), far_leg),
    }
    arms = {
        "near": (root(shoulder, spread), near_arm),
        "far": (root(shoulder, -spread), far_arm),
    }
    joints = {"hip": hip, "shoulder": shoulder, "head": head}
    for name, (start, spec) in legs.items():
        knee, ankle = solve_limb(start, spec, THIGH, SHIN)
        joints[f"{name}_leg"] = (start, knee, ankle, spec)
    for name, (start, spec) in arms.items():
        elbow, hand = solve_limb(start, spec, UPPER_ARM, FOREARM)
        joints[f"{name}_arm"] = (start, elbow, hand, spec)

    def draw_leg(name, colour):
        start, knee, ankle, spec = joints[f"{name}_leg"]
        shin_dir = angle_to(knee, ankle)
        foot_dir = spec["end"] if spec["end"] is not None else shin_dir + 90
        c.line([ankle, polar(ankle, foot_dir, FOOT)], 24, SHOE)
        c.line([start, knee, ankle], LEG_W, colour)

    def draw_arm(name, colour):
        start, elbow, hand, _ = joints[f"{name}_arm"]
        c.line([start, elbow, hand], ARM_W, colour)
        c.circle(hand, 14, SKIN)

    def draw_torso():
        c.line([shoulder, head], 20, SKIN)
        mid = polar(((hip[0] + shoulder[0]) / 2, (hip[1] + shoulder[1]) / 2), torso + 90, arch)
        c.ribbon([_bezier(hip, mid, shoulder, i / 16) for i in range(17)], torso_w, TEAL)
        c.circle(hip, torso_w / 2 + 1, SLATE)  # trousers, so the top and bottom read apart

    parts = {
        "far_arm": lambda: draw_arm("far", TEAL_LIGHT),
        "far_leg": lambda: draw_leg("far", SLATE_LIGHT),
        "torso": draw_torso,
        "near_leg": lambda: draw_leg("near", SLATE),
        "near_arm": lambda: draw_arm("near", TEAL),
        "head": lambda: draw_head(c, head, head_dir, face, look),
    }
    for part in order:
        parts[part]()
    return joints


def _bezier(p0, control, p1, t):
    # A quadratic curve passing through the midpoint offset, so `arch` is the real bow.
    cx = 2 * control[0] - (p0[0] + p1[0]) / 2
    cy = 2 * control[1] - (p0[1] + p1[1]) / 2
    u = 1 - t
    return (u * u * p0[0] + 2 * u * t * cx + t * t * p1[0], u * u * p0[1] + 2 * u * t * cy + t * t * p1[1])


def draw_head(c, centre, crown, face, look=0.0):
    c.circle(centre, HEAD_R, SKIN)
    if face is None:
        # Facing us: hair on the crown, two eyes below it.
        c.chord(centre, HEAD_R, crown - 75, crown + 75, HAIR)
        middle = polar(centre, crown, -HEAD_R * 0.12)
        for offset in (-0.36 + look, 0.36 + look):
            c.circle(polar(middle, crown - 90, HEAD_R * offset), 4.5, SHOE)
        return
    # In profile: hair over the crown and the back of the head, one eye towards the face.
    c.chord(centre, HEAD_R, face + 40, face + 215, HAIR)
    eye = polar(polar(centre, face, HEAD_R * 0.52), face + 90, HEAD_R * 0.12)
    c.circle(eye, 4.5, SHOE)


# --------------------------------------------------------------------------- props


def scene(c, blob=(480, 300, 250), floor=FLOOR, blob_colour=SAND_DARK):
    """Background, a soft circle behind the figure, and the floor."""
    c.fill(SAND)
    if blob:
        c.circle(blob[:2], blob[2], blob_colour)
    if floor is not None:
        c.band(floor, SAND_DEEP)


def side_mat(c, x0=150, x1=810):
    c.rect((x0, MAT, x1, MAT + 18), TEAL_PALE, radius=9)
    c.rect((x0, MAT + 12, x1, MAT + 18), TEAL_LIGHT, radius=3)


def top_mat(c, box=(150, 190, 810, 470)):
    """An exercise mat seen from above, for top-down views."""
    c.fill(SAND)
    c.circle((480, 330), 300, SAND_DARK)
    x0, y0, x1, y1 = box
    c.rect((x0 + 8, y0 + 10, x1 + 8, y1 + 10), SAND_DEEP, radius=26)  # a soft shadow
    c.rect(box, TEAL_PALE, radius=26)
    c.rect((x0 + 16, y0 + 16, x1 - 16, y1 - 16), None, radius=18, outline=WHITE, width=3)


def chair_side(c, x, seat_y, depth=170, back_h=200):
    """A chair seen from the side with its back on the left at `x`."""
    c.rect((x + 6, seat_y, x + 22, FLOOR), WOOD_DARK, radius=5)
    c.rect((x + depth - 22, seat_y, x + depth - 6, FLOOR), WOOD_DARK, radius=5)
    c.rect((x, seat_y - back_h, x + 20, seat_y + 10), WOOD, radius=8)
    c.rect((x, seat_y, x + depth, seat_y + 18), WOOD, radius=6)


def chair_front(c, cx, seat_y, width=210, back_h=230):
    """A chair seen from the front, centred on `cx`; draw it before the figure."""
    half = width / 2
    c.rect((cx - half + 14, seat_y - back_h, cx + half - 14, seat_y - back_h + 60), WOOD_DARK, radius=12)
    for x in (cx - half + 16, cx + half - 34):
        c.rect((x, seat_y - back_h, x + 18, seat_y), WOOD_DARK, radius=6)
    for x in (cx - half + 6, cx + half - 24):
        c.rect((x, seat_y, x + 18, FLOOR), WOOD_DARK, radius=5)
    c.rect((cx - half, seat_y, cx + half, seat_y + 22), WOOD, radius=8)


def strap(c, points):
    c.line(points, 7, CORAL)


def plant(c, x, floor=FLOOR, scale=1.0):
    """A potted plant, for rooms."""
    s = scale
    for angle, length in ((100, 120), (70, 105), (125, 95), (55, 80), (145, 70)):
        tip = polar((x, floor - 70 * s), angle, length * s)
        c.line([(x, floor - 70 * s), tip], 10 * s, TEAL_LIGHT)
        c.ellipse((tip[0] - 16 * s, tip[1] - 10 * s, tip[0] + 16 * s, tip[1] + 10 * s), TEAL)
    c.polygon(
        [
            (x - 42 * s, floor - 76 * s),
            (x + 42 * s, floor - 76 * s),
            (x + 30 * s, floor),
            (x - 30 * s, floor),
        ],
        CORAL,
    )


def sparkles(c, points, colour=CORAL, r=7):
    for p in points:
        c.circle(p, r, colour)


# --------------------------------------------------------------------------- stretches: floor

# A figure lying on its side-on mat is long and low: framing the whole design space would leave
# the top third of the picture empty, so these pictures show only the mat and the air above it
# (the same 3:2 shape, a little closer).
LYING_VIEW = (120, 160, 840, 640)


def lying_knee_to_chest(draw, w, h):
    c = Canvas(draw, w, h, view=LYING_VIEW)
    scene(c, blob=(470, 420, 230))
    side_mat(c)
    j = figure(
        c,
        hip=(540, MAT - 31),
        torso=180,
        neck=-5,
        face=90,
        far_leg=bent(-4, 0, end=85),
        near_leg=bent(112, -38),
        near_arm=reach(500, 420, bend=-1),
        far_arm=reach(505, 428, bend=-1),
    )
    knee = j["near_leg"][1]
    c.arc_arrow((knee[0] + 10, knee[1] + 40), 110, 60, 130)


def lying_knee_across_body(draw, w, h):
    c = Canvas(draw, w, h)
    top_mat(c)
    j = figure(
        c,
        hip=(540, 330),
        torso=180,
        face=None,
        spread=26,
        near_leg=bent(-2, -1, end=0),
        far_leg=bent(128, -8, end=70),
        near_arm=reach(470, 250, bend=1),
        far_arm=bent(250, 255),
        order=("far_arm", "torso", "near_leg", "far_leg", "near_arm", "head"),
    )
    c.arc_arrow(j["hip"], 205, 30, 80)


def lying_figure_four(draw, w, h):
    c = Canvas(draw, w, h, view=LYING_VIEW)
    scene(c, blob=(520, 420, 230))
    side_mat(c)
    hip = (500, MAT - 31)
    # Work out the supporting knee first, so the crossed ankle can rest on it.
    far_knee, _ = two_link(hip, (650, MAT - 12), THIGH, SHIN, 1)
    figure(
        c,
        hip=hip,
        torso=180,
        neck=-5,
        face=90,
        far_leg=reach(650, MAT - 12, bend=1, end=0),
        near_leg=reach(far_knee[0] + 6, far_knee[1] - 24, bend=1, end=60),
        near_arm=reach(far_knee[0] - 30, far_knee[1] + 28, bend=-1),
        far_arm=reach(far_knee[0] - 36, far_knee[1] + 36, bend=-1),
    )
    c.circle(hip, 58, None, outline=CORAL, width=5)
    c.arc_arrow((far_knee[0] - 10, far_knee[1] + 60), 120, 75, 125)


def side_lying_hip_flexor(draw, w, h):
    c = Canvas(draw, w, h)
    top_mat(c, (130, 150, 830, 510))
    hip = (540, 320)
    ankle = polar(polar(hip, 12, THIGH), 146, SHIN)
    figure(
        c,
        hip=hip,
        torso=180,
        neck=-6,
        face=270,
        far_arm=bent(176, 180, k=(1.0, 0.9)),
        far_leg=bent(-38, -130, end=-40),
        near_leg=bent(12, 146, end=70),
        near_arm=reach(ankle[0] - 2, ankle[1] + 4, bend=1),
    )
    c.arc_arrow(hip, 185, -12, 22)


def knee_rolls(draw, w, h):
    c = Canvas(draw, w, h)
    top_mat(c)
    figure(
        c,
        hip=(545, 330),
        torso=180,
        face=None,
        spread=26,
        far_arm=bent(265, 270),
        near_arm=bent(95, 90),
        near_leg=bent(-30, -140, end=-50),
        far_leg=bent(-42, -152, end=-62),
    )
    c.arc_arrow((560, 330), 170, 40, -10)


def cat_cow(draw, w, h):
    c = Canvas(draw, w, h, view=LYING_VIEW)
    scene(c, blob=(470, 360, 230))
    side_mat(c)
    hip = (370, MAT - 18 - THIGH)
    figure(
        c,
        hip=hip,
        torso=8,
        neck=-45,
        face=-70,
        arch=34,
        near_leg=bent(270, 180, end=180),
        far_leg=bent(268, 181, end=180),
        near_arm=reach(540, MAT - 14, bend=1),
        far_arm=reach(548, MAT - 14, bend=1),
    )
    c.arrow((450, 250), (450, 190))
    c.arrow((450, 280), (450, 330))


def pelvic_tilt(draw, w, h):
    c = Canvas(draw, w, h, view=LYING_VIEW)
    scene(c, blob=(480, 430, 220))
    side_mat(c)
    figure(
        c,
        hip=(500, MAT - 31),
        torso=180,
        neck=-5,
        face=90,
        near_leg=reach(665, MAT - 12, bend=1, end=0),
        far_leg=reach(675, MAT - 12, bend=1, end=0),
        near_arm=bent(-4, -2),
        far_arm=bent(-3, -1),
    )
    c.arc_arrow((500, MAT - 40), 75, 150, 30, both=True)


def lying_hamstring_strap(draw, w, h):
    c = Canvas(draw, w, h, view=LYING_VIEW)
    scene(c, blob=(430, 380, 240))
    side_mat(c)
    j = figure(
        c,
        hip=(430, MAT - 31),
        torso=180,
        neck=-5,
        face=90,
        far_leg=bent(-3, 0, end=85),
        near_leg=bent(78, 78, end=168),
        near_arm=reach(390, 385, bend=-1),
        far_arm=reach(395, 392, bend=-1),
    )
    ankle = j["near_leg"][2]
    sole = polar(ankle, 168, 20)
    hand = j["near_arm"][2]
    strap(c, [hand, polar(sole, 78, 14), polar(polar(sole, 78, 14), -12, 30)])
    strap(c, [j["far_arm"][2], polar(sole, 78, 14)])
    c.arc_arrow((430, MAT - 31), 215, 45, 68)


# --------------------------------------------------------------------------- stretches: chair


SEAT = 430  # seat height for front-view chairs


def seated_front(c, near_leg=None, far_leg=None, **kwargs):
    """A figure sitting on a chair seen from the front."""
    chair_front(c, 480, SEAT)
    return figure(
        c,
        hip=(480, SEAT - 22),
        torso=90,
        face=None,
        spread=30,
        near_leg=near_leg or bent(280, 270, end=335, k=(0.4, 1.0)),
        far_leg=far_leg or bent(260, 270, end=205, k=(0.4, 1.0)),
        **kwargs,
    )


def seated_figure_four(draw, w, h):
    c = Canvas(draw, w, h)
    scene(c, blob=(480, 300, 240))
    j = seated_front(
        c,
        far_leg=reach(506, 438, bend=-1, end=80, k=(0.7, 1.15)),
        far_arm=reach(382, 394, bend=1),
        near_arm=reach(512, 426, bend=-1),
        order=("torso", "near_leg", "far_leg", "far_arm", "near_arm", "head"),
    )
    knee = j["far_leg"][1]
    c.arc_arrow((knee[0] + 20, knee[1] + 10), 80, 200, 250)


def chair_hip_flexor(draw, w, h):
    c = Canvas(draw, w, h)
    scene(c, blob=(500, 330, 240))
    chair_side(c, 380, 452, depth=180, back_h=210)
    hip = (520, 428)
    figure(
        c,
        hip=hip,
        torso=92,
        face=0,
        near_leg=bent(0, 270, end=0),
        far_leg=reach(330, FLOOR - 16, bend=1, end=250),
        near_arm=reach(610, 418, bend=-1),
        far_arm=reach(396, 318, bend=1),
    )
    c.circle((hip[0] - 30, hip[1] + 10), 64, None, outline=CORAL, width=5)


def seated_twist(draw, w, h):
    c = Canvas(draw, w, h)
    scene(c, blob=(480, 300, 240))
    seated_front(
        c,
        look=-0.28,
        near_arm=reach(445, 420, bend=1),
        far_arm=reach(372, 330, bend=-1),
    )
    c.arc_arrow((480, 330), 150, -15, -165, ry=40)


def seated_neck_side_bend(draw, w, h):
    c = Canvas(draw, w, h)
    scene(c, blob=(480, 300, 240))
    j = seated_front(
        c,
        neck=24,
        near_arm=reach(584, SEAT + 4, bend=-1),
        far_arm=reach(440, 420, bend=1),
    )
    c.arc_arrow(j["shoulder"], 128, 75, 125)
    c.arrow((572, 226), (572, 286), fill=TEAL_LIGHT, width=7)


def seated_upper_back(draw, w, h):
    c = Canvas(draw, w, h)
    scene(c, blob=(500, 320, 240))
    chair_side(c, 360, 452, depth=180, back_h=210)
    figure(
        c,
        hip=(455, 428),
        torso=84,
        neck=-35,
        face=-20,
        arch=24,
        near_leg=bent(0, 270, end=0),
        far_leg=bent(2, 271, end=0),
        near_arm=bent(8, 0),
        far_arm=bent(10, 2),
    )
    c.arc_arrow((455, 300), 130, 110, 160)
    c.arrow((700, 280), (770, 280))


# --------------------------------------------------------------------------- stretches: standing


STAND_HIP = FLOOR - 11 - THIGH - SHIN  # hip height for a straight standing leg


def standing_hamstring(draw, w, h):
    c = Canvas(draw, w, h)
    scene(c, blob=(500, 300, 250))
    c.rect((590, 452, 800, FLOOR + 4), WOOD, radius=10)
    c.rect((590, 452, 800, 470), WOOD_DARK, radius=8)
    hip = (400, STAND_HIP)
    figure(
        c,
        hip=hip,
        torso=62,
        neck=-15,
        face=-20,
        far_leg=bent(270, 270, end=0),
        near_leg=reach(620, 440, bend=1),
        near_arm=reach(530, 372, bend=-1),
        far_arm=reach(520, 366, bend=-1),
    )
    c.arc_arrow((hip[0] - 10, hip[1] + 20), 170, 60, 25)


def doorway_chest(draw, w, h):
    c = Canvas(draw, w, h)
    scene(c, blob=(470, 300, 250))
    c.rect((388, 30, 418, FLOOR), WOOD_DARK, radius=6)  # the door frame
    c.rect((388, 30, 760, 50), WOOD_DARK, radius=6)
    hip = (500, STAND_HIP + 8)
    figure(
        c,
        hip=hip,
        torso=84,
        face=0,
        near_leg=reach(610, FLOOR - 14, bend=1, end=0),
        far_leg=reach(440, FLOOR - 14, bend=1, end=-15),
        far_arm=bent(176, 88, k=(1.0, 0.85)),
        near_arm=bent(178, 90, k=(1.0, 0.85)),
    )
    c.arrow((600, 170), (680, 170))


def standing_quad(draw, w, h):
    c = Canvas(draw, w, h)
    scene(c, blob=(480, 300, 250))
    chair_side(c, 600, 420, depth=150, back_h=180)
    hip = (450, STAND_HIP)
    ankle = polar(polar(hip, 266, THIGH), 112, SHIN)
    j = figure(
        c,
        hip=hip,
        torso=90,
        face=0,
        far_leg=bent(270, 270, end=0),
        near_leg=bent(266, 112, end=200),
        near_arm=reach(ankle[0] + 4, ankle[1] + 4, bend=1),
        far_arm=reach(604, 246, bend=-1),
    )
    c.arc_arrow(j["near_leg"][1], 150, 165, 130)


# --------------------------------------------------------------------------- article heroes


def hero_hip_stretches(draw, w, h):
    """A kneeling hip-flexor lunge under a big sun, with rings around the hip."""
    c = Canvas(draw, w, h)
    c.fill(SAND)
    c.circle((650, 250), 210, CORAL_PALE)
    c.circle((260, 520), 180, TEAL_MIST)
    c.band(FLOOR, SAND_DEEP)
    side_mat(c, 120, 840)
    hip = (450, MAT - 18 - THIGH + 6)
    figure(
        c,
        hip=hip,
        torso=92,
        face=0,
        near_leg=reach(620, MAT - 4, bend=1, end=0),
        far_leg=bent(250, 180, end=180),
        near_arm=bent(60, 85),
        far_arm=bent(64, 88),
    )
    for r in (70, 100):
        c.circle(hip, r, None, outline=TEAL_LIGHT, width=5)
    sparkles(c, [(790, 110), (820, 160), (120, 120)], CORAL, 9)


def hero_lower_back(draw, w, h):
    """A figure resting in a kneeling forward fold (child's pose), back gently rounded."""
    c = Canvas(draw, w, h)
    c.fill(SAND)
    c.circle((480, 300), 270, TEAL_MIST)
    c.circle((760, 130), 70, CORAL_PALE)
    c.band(FLOOR, SAND_DEEP)
    side_mat(c, 120, 840)
    hip = (330, MAT - 60)
    figure(
        c,
        hip=hip,
        torso=-6,
        neck=-10,
        face=-80,
        arch=42,
        near_leg=bent(-20, 180, end=180, k=(0.95, 1.0)),
        far_leg=bent(-18, 181, end=180, k=(0.95, 1.0)),
        near_arm=reach(720, MAT - 14, bend=1),
        far_arm=reach(730, MAT - 14, bend=1),
    )
    for r, colour in ((170, TEAL_LIGHT), (205, TEAL_PALE), (240, CORAL_PALE)):
        c.arc((430, 520), r, 60, 120, colour, 7)


def _desk(c, x0, x1, top):
    c.rect((x0, top, x1, top + 22), WOOD, radius=8)
    c.rect((x1 - 40, top + 20, x1 - 20, FLOOR), WOOD_DARK, radius=5)
    c.rect((x0 + 20, top + 20, x0 + 40, FLOOR), WOOD_DARK, radius=5)


def hero_desk(draw, w, h):
    """A desk worker taking a long overhead reach away from the laptop."""
    c = Canvas(draw, w, h)
    c.fill(SAND)
    c.rect((90, 70, 330, 300), TEAL_MIST, radius=14)  # a window
    c.rect((90, 70, 330, 300), None, radius=14, outline=WHITE, width=10)
    c.rect((205, 70, 215, 300), WHITE)
    c.circle((270, 130), 34, CORAL_PALE)
    c.band(FLOOR, SAND_DEEP)
    plant(c, 150, scale=0.9)
    chair_side(c, 330, 452, depth=180, back_h=210)
    _desk(c, 560, 880, 380)
    c.rect((700, 300, 712, 380), SLATE_LIGHT, radius=4)  # laptop screen, side on
    c.rect((640, 370, 790, 382), SLATE, radius=4)
    figure(
        c,
        hip=(430, 428),
        torso=92,
        face=15,
        neck=8,
        near_leg=bent(2, 272, end=0),
        far_leg=bent(4, 270, end=0),
        near_arm=bent(95, 92),
        far_arm=bent(100, 96),
    )
    sparkles(c, [(500, 50), (380, 60), (560, 100)], CORAL, 7)


def hero_hamstrings(draw, w, h):
    """Sitting tall on the floor with straight legs, reaching forward towards the feet."""
    c = Canvas(draw, w, h)
    c.fill(SAND)
    c.circle((460, 330), 260, CORAL_PALE)
    c.circle((800, 170), 60, TEAL_MIST)
    c.band(FLOOR, SAND_DEEP)
    side_mat(c, 120, 840)
    hip = (330, MAT - 34)
    figure(
        c,
        hip=hip,
        torso=62,
        neck=-10,
        face=-10,
        near_leg=bent(-1, 0, end=92),
        far_leg=bent(0, 1, end=92),
        near_arm=bent(20, 8),
        far_arm=bent(24, 12),
    )
    # The back of the leg, highlighted along the hamstring.
    c.line([(hip[0] + 60, MAT - 2), (hip[0] + 215, MAT - 2)], 8, CORAL)
    c.arrow((560, 250), (640, 250))


def hero_piriformis(draw, w, h):
    """Sitting cross-legged, calm and upright, with rings drawing the eye to the hips."""
    c = Canvas(draw, w, h)
    c.fill(SAND)
    c.circle((480, 330), 250, TEAL_MIST)
    c.band(FLOOR, SAND_DEEP)
    c.ellipse((220, MAT - 10, 740, MAT + 30), TEAL_PALE)  # a round cushion-mat
    hip = (480, MAT - 42)
    figure(
        c,
        hip=hip,
        torso=90,
        face=None,
        spread=30,
        near_leg=bent(-20, 200, end=200),
        far_leg=bent(200, -20, end=-20),
        near_arm=reach(580, hip[1] - 14, bend=-1),
        far_arm=reach(380, hip[1] - 14, bend=1),
    )
    c.circle(hip, 78, None, outline=CORAL, width=5)
    sparkles(c, [(250, 150), (720, 140), (760, 210)], CORAL, 8)


# --------------------------------------------------------------------------- explainers and calls to action


def _icon_clock(c, centre):
    c.circle(centre, 44, WHITE, outline=SLATE, width=6)
    c.line([centre, polar(centre, 90, 28)], 7, SLATE)
    c.line([centre, polar(centre, 0, 20)], 7, SLATE)


def _icon_battery(c, centre):
    x, y = centre
    c.rect((x - 46, y - 24, x + 38, y + 24), WHITE, radius=8, outline=SLATE, width=6)
    c.rect((x + 38, y - 10, x + 50, y + 10), SLATE, radius=3)
    c.rect((x - 36, y - 14, x - 16, y + 14), CORAL, radius=3)


def _icon_drop(c, centre):
    x, y = centre
    c.circle((x, y + 12), 30, CORAL_PALE, outline=CORAL, width=6)
    c.polygon([(x, y - 44), (x - 27, y + 2), (x + 27, y + 2)], CORAL_PALE)
    c.line([(x, y - 44), (x - 27, y + 2)], 6, CORAL)
    c.line([(x, y - 44), (x + 27, y + 2)], 6, CORAL)


def _icon_shield(c, centre):
    x, y = centre
    c.polygon([(x - 38, y - 40), (x + 38, y - 40), (x + 38, y + 4), (x, y + 46), (x - 38, y + 4)], TEAL)
    c.line([(x - 14, y), (x - 2, y + 14), (x + 18, y - 16)], 7, WHITE)


def why_hips_tight(draw, w, h):
    """A standing figure with the hips ringed in tension lines, and four small causes around it."""
    c = Canvas(draw, w, h)
    scene(c, blob=(480, 310, 230))
    hip = (480, STAND_HIP)
    figure(
        c,
        hip=hip,
        torso=96,
        neck=-6,
        face=0,
        far_leg=bent(272, 270, end=0),
        near_leg=bent(266, 270, end=0),
        far_arm=bent(250, 262),
        near_arm=reach(470, 318, bend=-1),
    )
    c.circle(hip, 62, None, outline=CORAL, width=6)
    for angle in (20, 160, 200, 340):
        start = polar(hip, angle, 78)
        mid = polar(start, angle + 35, 14)
        c.line([start, mid, polar(mid, angle - 35, 16)], 5, CORAL)
    for icon, centre in (
        (_icon_clock, (170, 160)),
        (_icon_shield, (790, 160)),
        (_icon_drop, (170, 420)),
        (_icon_battery, (790, 420)),
    ):
        c.circle(centre, 72, WHITE)
        icon(c, centre)
        spoke = [polar(centre, angle_to(centre, hip), 82), polar(hip, angle_to(hip, centre), 150)]
        c.line(spoke, 4, SAND_DEEP)


def cta_self_care(draw, w, h):
    """Standing tall with both arms reaching up in a wide V, under a rising sun."""
    c = Canvas(draw, w, h)
    c.fill(SAND)
    c.circle((480, 560), 330, CORAL_PALE)
    c.circle((480, 560), 250, SAND)
    c.circle((480, 560), 240, TEAL_MIST)
    c.band(FLOOR, SAND_DEEP)
    figure(
        c,
        hip=(480, STAND_HIP),
        torso=90,
        face=None,
        spread=30,
        near_leg=bent(282, 272, end=330),
        far_leg=bent(258, 268, end=210),
        near_arm=bent(42, 50),
        far_arm=bent(138, 130),
    )
    for angle in (20, 45, 135, 160):
        c.line([polar((480, 560), angle, 350), polar((480, 560), angle, 400)], 10, CORAL)


def cta_hip_sequence(draw, w, h):
    """Hugging one knee on a mat, with four dots for the four parts of the sequence."""
    c = Canvas(draw, w, h)
    scene(c, blob=(480, 400, 240))
    side_mat(c)
    figure(
        c,
        hip=(560, MAT - 31),
        torso=180,
        neck=-5,
        face=90,
        far_leg=bent(-4, 0, end=85),
        near_leg=bent(100, -50),
        near_arm=reach(520, 410, bend=-1),
        far_arm=reach(525, 418, bend=-1),
    )
    for i, x in enumerate((360, 440, 520, 600)):
        c.circle((x, 150), 26, TEAL if i == 0 else WHITE, outline=TEAL, width=6)
    for x in (400, 480, 560):
        c.line([(x - 6, 150), (x + 6, 150)], 6, TEAL_LIGHT)


# --------------------------------------------------------------------------- registry


DRAWINGS = {
    # Stretches
    "lying-knee-to-chest": lying_knee_to_chest,
    "lying-knee-across-body": lying_knee_across_body,
    "lying-figure-four": lying_figure_four,
    "side-lying-hip-flexor": side_lying_hip_flexor,
    "knee-rolls": knee_rolls,
    "cat-cow": cat_cow,
    "pelvic-tilt": pelvic_tilt,
    "lying-hamstring-strap": lying_hamstring_strap,
    "seated-figure-four": seated_figure_four,
    "chair-hip-flexor": chair_hip_flexor,
    "seated-twist": seated_twist,
    "seated-neck-side-bend": seated_neck_side_bend,
    "seated-upper-back": seated_upper_back,
    "standing-hamstring": standing_hamstring,
    "doorway-chest": doorway_chest,
    "standing-quad": standing_quad,
    # Article heroes
    "hero-hip-stretches": hero_hip_stretches,
    "hero-lower-back": hero_lower_back,
    "hero-desk": hero_desk,
    "hero-hamstrings": hero_hamstrings,
    "hero-piriformis": hero_piriformis,
    # Explainers and calls to action
    "why-hips-tight": why_hips_tight,
    "cta-self-care": cta_self_care,
    "cta-hip-sequence": cta_hip_sequence,
}


def render(key, size=(960, 640)):
    """The drawing `key` as JPEG bytes (RGB). Raises KeyError for an unknown key."""
    paint = DRAWINGS[key]
    w, h = size
    image = Image.new("RGB", (w * SUPERSAMPLE, h * SUPERSAMPLE), SAND)
    paint(ImageDraw.Draw(image), w * SUPERSAMPLE, h * SUPERSAMPLE)
    image = image.resize((w, h), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85, optimize=True)
    return out.getvalue()
