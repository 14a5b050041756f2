"""Demo content for Limber: topics, stretches, routines, calls to action and articles.

Plain Python data, read by the ``load_demo`` management command. Every drawing key refers
to ``stretches.demo.drawings.DRAWINGS``; stretch, routine, topic and article references are
by slug. Article section bodies are Markdown (see ``stretches.text.render_markdown``).

Routine length, as the site works it out: for each step,
sides (2 for "both", 1 for "one") x repetitions x (hold_seconds + 2) + rest_seconds.
"""

from textwrap import dedent


def _md(text):
    """Markdown written indented in this file, without the indentation."""
    return dedent(text).strip()


TOPICS = [
    {
        "name": "Hip stretches",
        "slug": "hip-stretches",
        "intro": (
            "Hips that move freely take pressure off the lower back. Gentle stretches and "
            "mobility drills for the buttocks, the deep hip rotators and the front of the hip."
        ),
        "order": 1,
    },
    {
        "name": "Lower back",
        "slug": "lower-back",
        "intro": (
            "Everyday stiffness in the lower back usually responds best to regular, gentle "
            "movement. Start here for simple routines and advice on when to get checked."
        ),
        "order": 2,
    },
    {
        "name": "Desk and office",
        "slug": "desk-and-office",
        "intro": (
            "Long days at a screen are hard on necks, shoulders and hips. Quick stretches you "
            "can do in your chair, and small changes to your set-up that help."
        ),
        "order": 3,
    },
]


STRETCHES = [
    # ----------------------------------------------------------------- on the floor
    {
        "name": "Single knee to chest",
        "slug": "single-knee-to-chest",
        "muscles": "Gluteals, lower back extensors",
        "position": "floor",
        "instructions": [
            (
                "Lie on your back with both legs straight, or bend the resting knee if that is kinder to "
                "your back."
            ),
            "Use the muscles at the front of your hip to lift one bent knee towards your chest.",
            "Hold the back of your thigh or the front of your shin and add a light extra pull at the end.",
            "Hold for the time shown, breathing out, then lower the leg with control.",
        ],
        "cautions": (
            "Stop if you feel a pinch at the front of the hip. If you have had a hip replacement, "
            "check with your surgeon or physiotherapist before bringing the knee close to your chest."
        ),
        "default_repetitions": 10,
        "default_hold_seconds": 2,
        "sides": "both",
        "image_alt": (
            "A person lying on their back on a mat, hugging one bent knee towards their chest "
            "while the other leg rests straight along the floor."
        ),
        "drawing": "lying-knee-to-chest",
    },
    {
        "name": "Knee across the body",
        "slug": "knee-across-body",
        "muscles": "Gluteals, piriformis, deep hip rotators",
        "position": "floor",
        "instructions": [
            "Lie on your back with both legs straight.",
            "Bend your right knee and lift it towards your chest.",
            (
                "With your left hand on the outside of the knee, guide it across your body towards your "
                "left shoulder."
            ),
            "Keep both shoulders on the floor and stop when you feel a stretch in the right buttock.",
            "Bring the knee back to the centre with control, then repeat before changing sides.",
        ],
        "cautions": (
            "Keep the movement small if you feel pinching in the groin. After a hip replacement, "
            "avoid crossing the knee over your body unless your clinician has said it is safe."
        ),
        "default_repetitions": 10,
        "default_hold_seconds": 2,
        "sides": "both",
        "image_alt": (
            "Seen from above, a person lying on a mat draws one bent knee across their body "
            "towards the opposite shoulder, guiding it with the opposite hand."
        ),
        "drawing": "lying-knee-across-body",
    },
    {
        "name": "Lying figure-four",
        "slug": "lying-figure-four",
        "muscles": "Piriformis, deep hip rotators, gluteals",
        "position": "floor",
        "instructions": [
            "Lie on your back with both knees bent and your feet flat on the floor.",
            (
                "Cross your right ankle over your left thigh, just below the knee, and let the right knee "
                "fall outwards."
            ),
            "Lift your left foot off the floor and hold the back of your left thigh with both hands.",
            "Draw the left thigh gently towards you until you feel a stretch deep in the right buttock.",
            "Ease off and lower the left foot before the next repetition.",
        ],
        "cautions": (
            "Keep your head and shoulders relaxed on the floor. If the crossed knee aches, leave "
            "the supporting foot on the floor and let the stretch be smaller."
        ),
        "default_repetitions": 10,
        "default_hold_seconds": 2,
        "sides": "both",
        "image_alt": (
            "A person lying on their back with one ankle crossed over the opposite knee and the "
            "supporting leg drawn up, with a ring marking the hip being stretched."
        ),
        "drawing": "lying-figure-four",
    },
    {
        "name": "Side-lying hip flexor stretch",
        "slug": "side-lying-hip-flexor",
        "muscles": "Hip flexors, quadriceps",
        "position": "floor",
        "instructions": [
            (
                "Lie on your left side with your head resting on your outstretched left arm and your left "
                "knee bent in front of you."
            ),
            (
                "Bend your right knee and hold the right ankle with your right hand, or loop a towel around "
                "it if you can't reach."
            ),
            "Squeeze your right buttock to draw the right thigh back, behind the line of your body.",
            (
                "Keep your lower back still rather than arching it, and stop when you feel a stretch at the "
                "front of the hip."
            ),
            "Let the thigh return to the start, repeat, then turn over for the other side.",
        ],
        "cautions": (
            "If your knee feels strained, use a towel around the ankle so the knee bends less. "
            "Don't arch your back to go further."
        ),
        "default_repetitions": 10,
        "default_hold_seconds": 2,
        "sides": "both",
        "image_alt": (
            "Seen from above, a person lying on their side holds the ankle of their top leg "
            "behind them, drawing the thigh back to stretch the front of the hip."
        ),
        "drawing": "side-lying-hip-flexor",
    },
    {
        "name": "Knee rolls",
        "slug": "knee-rolls",
        "muscles": "Lower back, obliques, hip rotators",
        "position": "floor",
        "instructions": [
            "Lie on your back with your knees bent, feet flat and arms resting out to the sides.",
            "Keeping your knees together, let them roll slowly to one side as far as is comfortable.",
            "Keep both shoulders in contact with the floor.",
            "Use your stomach muscles to bring your knees back to the middle, then roll to the other side.",
        ],
        "cautions": (
            "This is a gentle mobiliser, not a forced twist, so stay within an easy range. "
            "Make the movement smaller if it brings on any leg pain."
        ),
        "default_repetitions": 5,
        "default_hold_seconds": 3,
        "sides": "both",
        "image_alt": (
            "Seen from above, a person lying on their back with arms out to the sides lets both "
            "bent knees roll together to one side."
        ),
        "drawing": "knee-rolls",
    },
    {
        "name": "Cat and camel",
        "slug": "cat-and-camel",
        "muscles": "Spinal extensors, abdominals, upper back",
        "position": "floor",
        "instructions": [
            "Kneel on all fours with your hands under your shoulders and knees under your hips.",
            "Breathe out and round your back up towards the ceiling, letting your head drop gently.",
            "Breathe in and slowly let your back sink into a gentle hollow, lifting your gaze a little.",
            "Keep moving slowly between the two positions, staying within an easy range.",
        ],
        "cautions": (
            "Put a folded towel under your knees if kneeling is uncomfortable. Keep the hollow "
            "small if arching your back is painful."
        ),
        "default_repetitions": 8,
        "default_hold_seconds": 3,
        "sides": "one",
        "image_alt": (
            "A person on their hands and knees on a mat rounds their back up towards the "
            "ceiling, with arrows showing the back moving up and down."
        ),
        "drawing": "cat-cow",
    },
    {
        "name": "Pelvic tilt",
        "slug": "pelvic-tilt",
        "muscles": "Abdominals, lower back",
        "position": "floor",
        "instructions": [
            "Lie on your back with your knees bent, feet flat and arms by your sides.",
            (
                "Gently tighten your stomach muscles and press the small of your back towards the floor, so "
                "your pelvis tilts slightly."
            ),
            "Hold for the time shown while breathing normally.",
            "Relax and let your back return to its natural curve.",
        ],
        "cautions": (
            "Keep the movement small and smooth, with your bottom staying on the floor. Stop if "
            "it increases your pain."
        ),
        "default_repetitions": 10,
        "default_hold_seconds": 3,
        "sides": "one",
        "image_alt": (
            "A person lying on their back with knees bent and feet flat on a mat, with a curved "
            "arrow over the pelvis showing it rocking gently."
        ),
        "drawing": "pelvic-tilt",
    },
    {
        "name": "Lying hamstring stretch with a strap",
        "slug": "lying-hamstring-strap",
        "muscles": "Hamstrings, calves",
        "position": "floor",
        "instructions": [
            "Lie on your back and loop a strap, belt or towel around the sole of one foot.",
            "Leave the other leg resting on the floor, or bend it with the foot flat if your back prefers.",
            (
                "Tighten the front of your thigh to keep the knee straight and raise the leg as far as it "
                "goes easily."
            ),
            "Use the strap to add a light extra pull at the end, without forcing.",
            "Lower the leg with control.",
        ],
        "cautions": (
            "Stop if you feel tingling, numbness or a sharp pull behind the knee or down the leg; "
            "that can be an irritated nerve rather than a tight muscle."
        ),
        "default_repetitions": 10,
        "default_hold_seconds": 2,
        "sides": "both",
        "image_alt": (
            "A person lying on their back raises one straight leg, holding a strap looped around "
            "the foot, while the other leg rests on the mat."
        ),
        "drawing": "lying-hamstring-strap",
    },
    # ----------------------------------------------------------------- in a chair
    {
        "name": "Seated figure-four",
        "slug": "seated-figure-four",
        "muscles": "Piriformis, gluteals, deep hip rotators",
        "position": "chair",
        "instructions": [
            "Sit towards the front of a sturdy chair with both feet flat on the floor.",
            (
                "Rest your right ankle on your left thigh, just above the knee, and let the right knee drop "
                "out to the side."
            ),
            "Sit tall, then lean forward slowly from your hips, keeping your back long.",
            "Stop when you feel a stretch in the right buttock and hold, breathing steadily.",
            "Sit back up, uncross your legs and change sides.",
        ],
        "cautions": (
            "Don't press down on the knee if it feels uncomfortable. Use a chair without wheels, "
            "or lock them, so it can't roll."
        ),
        "default_repetitions": 2,
        "default_hold_seconds": 25,
        "sides": "both",
        "image_alt": (
            "A person sitting on a chair, seen from the front, with one ankle resting across the "
            "opposite knee and their hands resting on the crossed leg."
        ),
        "drawing": "seated-figure-four",
    },
    {
        "name": "Chair hip flexor stretch",
        "slug": "chair-hip-flexor",
        "muscles": "Hip flexors, quadriceps",
        "position": "chair",
        "instructions": [
            "Sit sideways on the front edge of a sturdy chair, holding the backrest for balance.",
            (
                "Keep your front foot flat and slide the other leg back until the knee points at the floor "
                "and only the toes touch down."
            ),
            "Tuck your tailbone under slightly and sit tall.",
            "Feel the stretch at the front of the back hip and hold, breathing steadily.",
            "Bring the leg back under you carefully before changing sides.",
        ],
        "cautions": (
            "Make sure the chair is stable and can't slide or roll. If your balance is unsteady, "
            "do a standing version holding a worktop instead."
        ),
        "default_repetitions": 2,
        "default_hold_seconds": 25,
        "sides": "both",
        "image_alt": (
            "A person sits on the edge of a chair holding its backrest, one foot flat in front "
            "and the other leg stretched back, with a ring marking the front of the hip."
        ),
        "drawing": "chair-hip-flexor",
    },
    {
        "name": "Seated twist",
        "slug": "seated-twist",
        "muscles": "Mid and upper back, obliques",
        "position": "chair",
        "instructions": [
            "Sit tall towards the front of the chair with your feet flat and hip-width apart.",
            "Breathe in and lengthen your spine.",
            (
                "Breathe out and turn your upper body to one side, with the opposite hand on the outside of "
                "your knee and the other on the back of the chair."
            ),
            "Hold gently, keeping your hips facing forward, without hauling yourself round.",
            "Come back to the middle and turn the other way.",
        ],
        "cautions": (
            "Turn from the middle and upper back rather than forcing the neck or lower back. "
            "If you have a diagnosed disc problem, ask your physiotherapist whether twisting suits you."
        ),
        "default_repetitions": 2,
        "default_hold_seconds": 20,
        "sides": "both",
        "image_alt": (
            "A person sitting on a chair, seen from the front, turning their upper body to one "
            "side, one hand on the opposite knee and the other on the chair back."
        ),
        "drawing": "seated-twist",
    },
    {
        "name": "Seated neck side bend",
        "slug": "seated-neck-side-bend",
        "muscles": "Upper trapezius, side of the neck",
        "position": "chair",
        "instructions": [
            "Sit tall and hold the edge of your seat with your right hand.",
            "Let your right shoulder relax downwards.",
            (
                "Slowly tip your left ear towards your left shoulder until you feel a stretch along the "
                "right side of your neck."
            ),
            "Hold, breathing easily, then bring your head back upright.",
        ],
        "cautions": (
            "Keep it gentle and don't pull on your head. Stop and get advice if you feel dizzy "
            "or notice pins and needles or pain spreading into your arm."
        ),
        "default_repetitions": 2,
        "default_hold_seconds": 15,
        "sides": "both",
        "image_alt": (
            "A person sitting on a chair, seen from the front, tilting their head towards one "
            "shoulder while the other hand holds the edge of the seat."
        ),
        "drawing": "seated-neck-side-bend",
    },
    {
        "name": "Seated upper back stretch",
        "slug": "seated-upper-back",
        "muscles": "Rhomboids, upper back, back of the shoulders",
        "position": "chair",
        "instructions": [
            "Sit towards the front of the chair with your feet flat.",
            "Clasp your hands together and reach them forward at shoulder height.",
            "Round your upper back so your shoulder blades spread apart, and let your chin drop slightly.",
            "Hold, breathing into the back of your ribs, then sit tall again.",
        ],
        "cautions": (
            "Keep your shoulders soft rather than hunched up to your ears. Leave out the chin "
            "drop if it bothers your neck."
        ),
        "default_repetitions": 3,
        "default_hold_seconds": 15,
        "sides": "one",
        "image_alt": (
            "A person sitting on a chair reaches both arms forward with their hands together, "
            "rounding their upper back."
        ),
        "drawing": "seated-upper-back",
    },
    # ----------------------------------------------------------------- standing
    {
        "name": "Standing hamstring stretch",
        "slug": "standing-hamstring",
        "muscles": "Hamstrings, calves",
        "position": "standing",
        "instructions": [
            "Stand facing a low, steady step and rest one heel on it, leg straight but knee soft.",
            "Keep the standing leg slightly bent and your hips facing forward.",
            "With your back long, lean forward from your hips, resting your hands on your thigh.",
            "Stop when you feel a stretch at the back of the raised thigh, and hold.",
            "Come up slowly and change legs.",
        ],
        "cautions": (
            "Choose a low step and hold a wall or rail if your balance is uncertain. Don't round "
            "your back to reach further."
        ),
        "default_repetitions": 2,
        "default_hold_seconds": 25,
        "sides": "both",
        "image_alt": (
            "A standing person rests one heel on a low box and leans forward from the hips with "
            "a long back, hands on the raised thigh."
        ),
        "drawing": "standing-hamstring",
    },
    {
        "name": "Doorway chest stretch",
        "slug": "doorway-chest",
        "muscles": "Chest (pectorals), front of the shoulders",
        "position": "standing",
        "instructions": [
            (
                "Stand in a doorway and rest your forearms on the frame, elbows at or just below shoulder "
                "height."
            ),
            "Step one foot forward through the doorway.",
            "Lean gently forward until you feel a stretch across the front of your chest and shoulders.",
            "Hold, breathing steadily, then step back to release.",
        ],
        "cautions": (
            "Keep your elbows no higher than your shoulders. Ease off if you feel pins and needles "
            "in your hands or pain at the front of the shoulder."
        ),
        "default_repetitions": 2,
        "default_hold_seconds": 20,
        "sides": "one",
        "image_alt": (
            "A person stands in a doorway with a forearm resting upright against the frame and "
            "one foot forward, leaning gently through."
        ),
        "drawing": "doorway-chest",
    },
    {
        "name": "Standing quad stretch",
        "slug": "standing-quad",
        "muscles": "Quadriceps, hip flexors",
        "position": "standing",
        "instructions": [
            "Stand beside a chair back or worktop and hold it with one hand.",
            "Bend your other knee and take hold of that ankle, or your sock, behind you.",
            "Keep your knees close together and tuck your tailbone under slightly.",
            "Feel the stretch along the front of the thigh and hold, then lower the foot with control.",
        ],
        "cautions": (
            "Don't pull your heel hard towards your bottom if your knee complains; a towel around "
            "the ankle makes it easier. Keep holding on for balance."
        ),
        "default_repetitions": 2,
        "default_hold_seconds": 20,
        "sides": "both",
        "image_alt": (
            "A standing person holds a chair back with one hand and their ankle behind them with "
            "the other, stretching the front of the thigh."
        ),
        "drawing": "standing-quad",
    },
]


ROUTINES = [
    {
        # 4 steps x (2 sides x 10 reps x (2 + 2) s) = 320 s, plus 30 s rest: 350 s, "about 6 min".
        "name": "Four-part floor sequence for the hips",
        "slug": "hip-floor-sequence",
        "technique": "active_isolated",
        "setting": "floor",
        "description": (
            "Four short, rhythmic stretches for the buttocks, the deep hip rotators and the front "
            "of the hip. Move into each one, hold for two seconds, release and repeat ten times "
            "on each side."
        ),
        "steps": [
            {
                "stretch": "single-knee-to-chest",
                "repetitions": 10,
                "hold_seconds": 2,
                "sides": "both",
                "rest_seconds": 10,
            },
            {
                "stretch": "knee-across-body",
                "repetitions": 10,
                "hold_seconds": 2,
                "sides": "both",
                "rest_seconds": 10,
            },
            {
                "stretch": "lying-figure-four",
                "repetitions": 10,
                "hold_seconds": 2,
                "sides": "both",
                "rest_seconds": 10,
            },
            {
                "stretch": "side-lying-hip-flexor",
                "repetitions": 10,
                "hold_seconds": 2,
                "sides": "both",
                "rest_seconds": 0,
            },
        ],
    },
    {
        # 118 + 118 + 88 = 324 s, "about 5 min".
        "name": "Office chair hip stretches",
        "slug": "office-chair-hips",
        "technique": "static",
        "setting": "chair",
        "description": (
            "Three stretches for stiff hips that you can do without leaving your chair. Ease into "
            "each one and hold it still, breathing slowly."
        ),
        "steps": [
            {
                "stretch": "seated-figure-four",
                "repetitions": 2,
                "hold_seconds": 25,
                "sides": "both",
                "rest_seconds": 10,
            },
            {
                "stretch": "chair-hip-flexor",
                "repetitions": 2,
                "hold_seconds": 25,
                "sides": "both",
                "rest_seconds": 10,
            },
            {
                "stretch": "seated-twist",
                "repetitions": 2,
                "hold_seconds": 20,
                "sides": "both",
                "rest_seconds": 0,
            },
        ],
    },
    {
        # 60 + 60 + 50 + 70 = 240 s, "about 4 min".
        "name": "Daily lower back routine",
        "slug": "lower-back-daily",
        "technique": "dynamic",
        "setting": "floor",
        "description": (
            "Four easy movements on the floor that ease the lower back into motion, from a small "
            "pelvic tilt to hugging each knee in turn."
        ),
        "steps": [
            {
                "stretch": "pelvic-tilt",
                "repetitions": 10,
                "hold_seconds": 3,
                "sides": "one",
                "rest_seconds": 10,
            },
            {
                "stretch": "knee-rolls",
                "repetitions": 5,
                "hold_seconds": 3,
                "sides": "both",
                "rest_seconds": 10,
            },
            {
                "stretch": "cat-and-camel",
                "repetitions": 8,
                "hold_seconds": 3,
                "sides": "one",
                "rest_seconds": 10,
            },
            {
                "stretch": "single-knee-to-chest",
                "repetitions": 5,
                "hold_seconds": 5,
                "sides": "both",
                "rest_seconds": 0,
            },
        ],
    },
    {
        # 73 + 56 + 68 = 197 s, "about 3 min".
        "name": "Three-minute desk reset",
        "slug": "desk-reset",
        "technique": "static",
        "setting": "chair",
        "description": (
            "Three gentle stretches for the neck, shoulders and upper back, done sitting at your "
            "desk. A good way to break up a long stretch of screen time."
        ),
        "steps": [
            {
                "stretch": "seated-neck-side-bend",
                "repetitions": 2,
                "hold_seconds": 15,
                "sides": "both",
                "rest_seconds": 5,
            },
            {
                "stretch": "seated-upper-back",
                "repetitions": 3,
                "hold_seconds": 15,
                "sides": "one",
                "rest_seconds": 5,
            },
            {
                "stretch": "seated-twist",
                "repetitions": 2,
                "hold_seconds": 15,
                "sides": "both",
                "rest_seconds": 0,
            },
        ],
    },
]


CALLS_TO_ACTION = [
    {
        "key": "self-care",
        "headline": "Back, hip or leg pain with no obvious cause?",
        "text": (
            "Start with something gentle. Our daily self-care programme takes about four minutes "
            "on the floor and is a kind first step for a stiff, achy back. If your pain is severe, "
            "getting worse or comes with other symptoms, please see a doctor or physiotherapist."
        ),
        "link_url": "/stretches/lower-back-daily-routine/",
        "link_label": "Try the daily routine",
        "is_default": True,
        "drawing": "cta-self-care",
    },
    {
        "key": "hip-sequence",
        "headline": "Hips feeling tight?",
        "text": (
            "Try our four-part floor sequence: about six minutes of short, rhythmic stretches for "
            "the buttocks, the deep hip rotators and the front of the hip."
        ),
        "link_url": "/stretches/hip-stretches/",
        "link_label": "Try the hip sequence",
        "is_default": False,
        "drawing": "cta-hip-sequence",
    },
]


ARTICLES = [
    {
        "title": "Hip stretches for hip and lower back pain",
        "slug": "hip-stretches",
        "topic": "hip-stretches",
        "standfirst": (
            "When your hips are stiff, your lower back often picks up the slack. A gentle floor "
            "sequence, a few mobility drills and some chair stretches for the office can help "
            "both feel easier."
        ),
        "featured": True,
        "days_ago": 3,
        "hero_drawing": "hero-hip-stretches",
        "hero_alt": (
            "Illustration of a person kneeling in a gentle lunge with both arms raised, with "
            "rings drawn around the hip of the back leg."
        ),
        "cta": None,
        "related": ["piriformis-stretches", "lower-back-daily-routine", "desk-neck-and-shoulders"],
        "sections": [
            {
                "heading": "Why your hips matter to your lower back",
                "body": _md(
                    """
                    Your pelvis is where your spine meets your legs. The big muscles around the
                    hips all attach to it: the buttock muscles, the hip flexors at the front, the
                    hamstrings behind and the small rotators tucked deep in the buttock. How freely
                    they move affects how your pelvis sits and moves, and so how much bending and
                    twisting your lower back has to do.

                    When the hips move well, everyday jobs such as picking something up, climbing
                    the stairs or getting out of a car are shared between the hip joints and the
                    spine. When the hips are stiff, the lower back tends to make up the
                    difference. It ends up moving more than it would like, and that extra work can
                    leave it tired and sore.

                    That's why good back care usually includes the hips. Loosening them won't
                    solve every back problem, but for many people it is one of the simplest ways
                    to take some pressure off the lower back:

                    - **Tight hip flexors** at the front of the hip can tip the pelvis forward and
                      increase the arch in your lower back when you stand.
                    - **Tight buttock and deep rotator muscles** limit how the hip bends and
                      turns, so the back rounds and twists more instead.
                    - **Tight hamstrings** hold the pelvis back as you bend forward, so the lower
                      back rounds sooner than it needs to.
                    """
                ),
                "routine": None,
                "image_drawing": None,
                "image_alt": "",
                "image_caption": "",
            },
            {
                "heading": "A four-part floor sequence for the hips",
                "body": _md(
                    """
                    This sequence uses **active isolated stretching**, which works rather
                    differently from the long, still holds most of us learned at school. Instead
                    of easing into a position and staying there for half a minute, you move into
                    each stretch using the muscles on the opposite side of the joint, hold for
                    only about two seconds, then return to the start. You repeat that 8–10 times
                    on each side.

                    ### Active isolated or static?

                    - **Static stretching** means settling into a stretch and holding it, usually
                      for 20–30 seconds. It is simple and relaxing, and it suits the chair
                      stretches later in this article.
                    - **Active isolated stretching** uses short holds and plenty of repetitions.
                      The idea is that working the opposite muscle helps the one being stretched
                      to let go, and that a brief hold gives it little reason to tighten up in
                      self-defence. Moving in and out rhythmically also pumps blood through the
                      area, which many people find leaves their hips feeling warm and loose.

                    Both have their place. What matters most is stretching gently and often.

                    ### How to do each repetition

                    1. Breathe out as you move into the stretch, leading with the muscles on the
                       opposite side.
                    2. At the end of your easy range, use your hands to add a light extra nudge,
                       never a hard pull.
                    3. Hold for about two seconds.
                    4. Breathe in as you return to the start, and relax fully before the next
                       repetition.

                    The four stretches work through the **gluteals** (the large buttock muscles),
                    then the **piriformis** and the other **deep hip rotators** beneath them, and
                    finish with the **hip flexors** at the front of the hip. Do all the
                    repetitions on one side, then change. The whole sequence takes about six
                    minutes.
                    """
                ),
                "routine": "hip-floor-sequence",
                "image_drawing": None,
                "image_alt": "",
                "image_caption": "",
            },
            {
                "heading": "Why hips get tight in the first place",
                "body": _md(
                    """
                    Tight hips are not always short hips. Often the muscles have simply been
                    working hard for a long time without a break. A few common reasons:

                    - **Protecting a painful back.** When the lower back hurts, the muscles around
                      the hips and pelvis often tighten to brace and steady it. That's a sensible
                      short-term reaction, but the bracing can carry on long after it is needed.
                    - **Staying switched on.** A muscle held partly contracted for hours, through a
                      long drive, a day at a desk or standing with your weight on one leg, misses
                      out on the rhythm of working and relaxing that keeps it comfortable.
                    - **Poor blood flow.** A muscle that stays contracted squeezes the small blood
                      vessels running through it, so fresh blood arrives more slowly and waste
                      products are cleared less efficiently.
                    - **Fatigue and soreness.** Put all of that together and a tired, poorly
                      supplied muscle starts to ache and feel stiff. You then move less, which
                      keeps it tight.

                    Breaking that cycle is what the floor sequence is for: regular, rhythmic
                    movement gives hard-working muscles a chance to lengthen, relax and refill
                    with blood.

                    If your hip pain started after a fall or injury, keeps you awake at night, or
                    comes with swelling, a fever or a limp that is getting worse, have it checked
                    by a doctor or physiotherapist rather than stretching through it.
                    """
                ),
                "routine": None,
                "image_drawing": "why-hips-tight",
                "image_alt": (
                    "Illustration of a standing person with a ring and tension marks around the "
                    "hip, surrounded by four symbols: a clock, a shield, a droplet and a nearly "
                    "empty battery."
                ),
                "image_caption": (
                    "Long spells of sitting, guarding a sore back, reduced blood flow and fatigue "
                    "can all leave the hips feeling tight."
                ),
            },
            {
                "heading": "Hip mobilisation: keep them moving",
                "body": _md(
                    """
                    Stretching lengthens muscles; mobilisation moves the joint itself through its
                    range, smoothly and without force. A few minutes of gentle movement is a good
                    warm-up before the floor sequence, or a way to break up a long day. Go slowly,
                    stay within a comfortable range and keep your breathing easy.

                    - **Knee rolls:** lie on your back with your knees bent and let them sway
                      slowly from side to side.
                    - **Hip circles on all fours:** on your hands and knees, draw slow circles
                      with one knee while keeping your back still, then change direction.
                    - **Pelvic tilts:** lying down or standing, rock your pelvis gently backwards
                      and forwards.
                    - **Leg swings:** stand side-on to a wall with one hand on it for support and
                      swing the outside leg loosely forwards and back, starting small.
                    - **Marching:** stand tall and lift alternate knees towards hip height,
                      slowly and with control.
                    - **Sit to stand:** get up from a chair and sit back down without using your
                      hands, sending your hips back as you lower.

                    Try 5–10 smooth repetitions of two or three of these. If one of them is
                    painful, leave it out and choose another; there is no single drill everyone
                    has to do.
                    """
                ),
                "routine": None,
                "image_drawing": None,
                "image_alt": "",
                "image_caption": "",
            },
            {
                "heading": "Stretching your hips at the office",
                "body": _md(
                    """
                    Long hours in a chair keep your hips bent and your buttock muscles squashed
                    and still, which is a reliable recipe for stiffness. You don't need to get on
                    the floor to counter it. The three stretches below are done sitting on an
                    ordinary chair and take about five minutes altogether.

                    They use **static holds**: ease into each position and stay there for 20–30
                    seconds, breathing slowly, then repeat. Aim for a mild, comfortable pull,
                    never anything sharp.

                    A few tips for stretching at work:

                    - Use a sturdy chair without wheels, or lock the wheels if you can.
                    - Sit towards the front of the seat with your feet flat on the floor.
                    - Tie the routine to something you already do, such as the end of a meeting
                      or the start of lunch, so it becomes a habit.
                    - Get up and walk for a minute or two every half an hour or so. Moving often
                      matters at least as much as stretching.

                    For your neck and shoulders, see our guide to
                    [stretches for desk days](/stretches/desk-neck-and-shoulders/).
                    """
                ),
                "routine": "office-chair-hips",
                "image_drawing": None,
                "image_alt": "",
                "image_caption": "",
            },
        ],
    },
    {
        "title": "A gentle daily routine for your lower back",
        "slug": "lower-back-daily-routine",
        "topic": "lower-back",
        "standfirst": (
            "Four easy movements on the floor, about four minutes a day. A kind, low-effort way "
            "to ease everyday stiffness in your lower back and keep it moving."
        ),
        "featured": False,
        "days_ago": 10,
        "hero_drawing": "hero-lower-back",
        "hero_alt": (
            "Illustration of a person resting in a kneeling forward bend on a mat, arms stretched "
            "out ahead and back gently rounded."
        ),
        "cta": "hip-sequence",
        "related": ["hip-stretches", "tight-hamstrings"],
        "sections": [
            {
                "heading": "Little and often",
                "body": _md(
                    """
                    Everyday stiffness in the lower back usually responds better to regular,
                    gentle movement than to the occasional long session. Your back is made to
                    move, and short daily doses help keep the joints supple and the muscles
                    around them relaxed.

                    This routine is deliberately easy. It uses small, controlled movements rather
                    than deep stretches, so it's a good place to start if your back is stiff first
                    thing in the morning, after a long day sitting, or as you get going again after
                    a flare-up.

                    A few guidelines:

                    - Do it once or twice a day, on a mat, a rug or a firm bed.
                    - Move slowly and breathe normally; don't hold your breath.
                    - Mild discomfort that eases as you move is fine. Sharp pain, or pain that
                      spreads down a leg, is a sign to stop.
                    """
                ),
                "routine": None,
                "image_drawing": None,
                "image_alt": "",
                "image_caption": "",
            },
            {
                "heading": "The four-minute routine",
                "body": _md(
                    """
                    Work through the four movements in order. They start with the smallest, a
                    gentle rock of the pelvis, and build up to hugging each knee in turn.

                    1. **Pelvic tilts** wake up the deep stomach muscles and ease the lower back
                       into movement.
                    2. **Knee rolls** add a soft rotation through the lower back and hips.
                    3. **Cat and camel**, on your hands and knees, takes the whole spine through
                       rounding and arching.
                    4. **Knee to chest** finishes with a comfortable stretch for the buttocks and
                       lower back.

                    Once this feels easy, try adding our
                    [four-part floor sequence for the hips](/stretches/hip-stretches/): stiff hips
                    and a stiff lower back often go together.
                    """
                ),
                "routine": "lower-back-daily",
                "image_drawing": "cat-cow",
                "image_alt": (
                    "A person on their hands and knees on a mat rounds their back up towards the "
                    "ceiling, with arrows showing the back moving up and down."
                ),
                "image_caption": (
                    "Cat and camel: round your back up, then "
                    "let it sink gently, moving slowly between the two."
                ),
            },
            {
                "heading": "When to get your back checked",
                "body": _md(
                    """
                    Most back pain isn't caused by anything serious and improves within a few
                    weeks, especially if you stay gently active. Some symptoms do need attention,
                    though. Speak to a doctor or physiotherapist if your pain:

                    - hasn't started to improve after a few weeks, or keeps coming back;
                    - is severe, getting worse, or stopping you from doing everyday things;
                    - stops you sleeping or is worse at night;
                    - started after a fall or an accident;
                    - comes with pins and needles, numbness or weakness in a leg.

                    **Get urgent medical help** if back pain comes with numbness around your
                    bottom or genitals, new difficulty passing urine, loss of control of your
                    bladder or bowels, weakness in both legs, or if you also feel unwell with a
                    fever or have lost weight without trying.

                    This routine is general guidance for everyday stiffness. It isn't a diagnosis
                    or a substitute for advice about your own back.
                    """
                ),
                "routine": None,
                "image_drawing": None,
                "image_alt": "",
                "image_caption": "",
            },
        ],
    },
    {
        "title": "Neck and shoulder stretches for desk days",
        "slug": "desk-neck-and-shoulders",
        "topic": "desk-and-office",
        "standfirst": (
            "Hours at a screen can leave your neck stiff and your shoulders creeping up towards "
            "your ears. Here's a three-minute reset you can do in your chair, plus a few tweaks "
            "to your set-up."
        ),
        "featured": False,
        "days_ago": 17,
        "hero_drawing": "hero-desk",
        "hero_alt": (
            "Illustration of a person sitting at a desk with a laptop, reaching both arms up "
            "overhead, with a window and a pot plant behind them."
        ),
        "cta": None,
        "related": ["hip-stretches", "lower-back-daily-routine"],
        "sections": [
            {
                "heading": "What a long day at a desk does to your neck and shoulders",
                "body": _md(
                    """
                    Screens draw us in. As you concentrate, your head tends to drift forward, your
                    upper back rounds and your shoulders lift and roll inwards. None of these
                    positions is harmful in itself; the trouble comes from staying in one of them,
                    barely moving, for hours at a time.

                    Your head is heavy, and the further forward it sits, the harder the muscles at
                    the back of your neck and across the tops of your shoulders have to work to
                    hold it up. By late afternoon that can show up as stiffness, an ache between
                    the shoulder blades, or tension that creeps up into a headache.

                    The good news is that the remedy is mostly movement. Short, frequent breaks
                    and a couple of easy stretches undo a surprising amount.
                    """
                ),
                "routine": None,
                "image_drawing": None,
                "image_alt": "",
                "image_caption": "",
            },
            {
                "heading": "A three-minute desk reset",
                "body": _md(
                    """
                    These three stretches are done sitting in your chair. Ease into each one,
                    hold it for about 15 seconds and breathe slowly. There's no need to push.

                    - The **neck side bend** eases the muscles running from the side of your neck
                      to the top of your shoulder.
                    - The **upper back stretch** opens up the space between your shoulder blades,
                      which often feels tight after a long spell of typing.
                    - The **seated twist** gets the middle of your back moving, which tends to
                      stiffen when you sit still.

                    If there's a doorway nearby, a **doorway chest stretch** is a good way to
                    finish: rest your forearms on the frame, step one foot through and lean
                    gently forward until you feel a stretch across your chest.
                    """
                ),
                "routine": "desk-reset",
                "image_drawing": "doorway-chest",
                "image_alt": (
                    "A person stands in a doorway with a forearm resting upright against the frame "
                    "and one foot forward, leaning gently through."
                ),
                "image_caption": (
                    "The doorway chest stretch: elbows no higher than your shoulders, and lean gently."
                ),
            },
            {
                "heading": "Small changes to your set-up",
                "body": _md(
                    """
                    Stretching helps most when your workstation isn't working against you all
                    day. A few simple checks:

                    1. **Screen:** the top of the screen at about eye level and roughly an arm's
                       length away. On a laptop, a stand with a separate keyboard and mouse makes a
                       big difference.
                    2. **Chair:** feet flat on the floor or a footrest, knees roughly level with
                       your hips, and your lower back supported.
                    3. **Arms:** elbows close to your sides and bent at about a right angle, with
                       your wrists straight as you type.
                    4. **Breaks:** stand up, walk about or change task every 30–60 minutes. A
                       gentle reminder on your phone or computer helps.

                    If neck pain comes with pins and needles, numbness or weakness in an arm,
                    frequent headaches or dizziness, get advice from a doctor or physiotherapist
                    rather than trying to stretch it out. For the lower half of your body, our
                    [hip stretches article](/stretches/hip-stretches/) includes a routine you can
                    do in your office chair.
                    """
                ),
                "routine": None,
                "image_drawing": None,
                "image_alt": "",
                "image_caption": "",
            },
        ],
    },
    {
        "title": "Tight hamstrings and your lower back",
        "slug": "tight-hamstrings",
        "topic": "lower-back",
        "standfirst": (
            "If touching your toes is a struggle, the muscles at the back of your thighs may be "
            "one reason your lower back works so hard when you bend. Here's how the two are "
            "linked, and two safe ways to stretch."
        ),
        "featured": False,
        "days_ago": 24,
        "hero_drawing": "hero-hamstrings",
        "hero_alt": (
            "Illustration of a person sitting tall on a mat with their legs straight out in "
            "front, reaching forward, with the back of the legs highlighted."
        ),
        "cta": "default",
        "related": ["lower-back-daily-routine", "hip-stretches"],
        "sections": [
            {
                "heading": "How your hamstrings and pelvis work together",
                "body": _md(
                    """
                    The hamstrings are three long muscles at the back of each thigh. They run from
                    your sitting bones, at the base of the pelvis, to just below the knee, so their
                    length affects how easily your pelvis can tip forward when you bend.

                    When you bend down with fairly straight legs, the pelvis should roll forward
                    over the hip joints while the lower back curves a little. If your hamstrings
                    are tight, they hold the pelvis back, so the lower back has to round further to
                    make up the difference. Repeat that many times a day, loading the dishwasher,
                    tying shoelaces or lifting a child, and your lower back can end up doing more
                    than its share.

                    Flexible hamstrings don't guarantee a pain-free back, and plenty of people with
                    tight hamstrings never have back trouble. But if bending forward is what
                    bothers you, gently improving their flexibility is well worth a try.
                    """
                ),
                "routine": None,
                "image_drawing": None,
                "image_alt": "",
                "image_caption": "",
            },
            {
                "heading": "Two ways to stretch your hamstrings",
                "body": _md(
                    """
                    ### Lying down with a strap

                    Lying on your back keeps your spine supported, which makes this the kinder
                    choice when your back is sore. Loop a strap, belt or towel around one foot,
                    keep the knee straight but not locked, and raise the leg until you feel a
                    stretch behind the thigh. Either use short two-second holds, repeated about ten
                    times, or one slow hold of 20–30 seconds.

                    ### Standing with a heel on a step

                    Rest one heel on a low step, keep your back long and lean forward from your
                    hips until you feel the stretch. Think of sending your bottom backwards rather
                    than reaching for your toes. This one is handy when getting down to the floor
                    isn't practical.

                    Whichever you choose:

                    - Keep a soft bend in the knee if a straight leg feels too strong.
                    - Bend from the hips, not the waist; rounding your back takes the stretch away
                      from the hamstrings.
                    - Stretch both legs, even if only one feels tight.
                    """
                ),
                "routine": None,
                "image_drawing": "lying-hamstring-strap",
                "image_alt": (
                    "A person lying on their back raises one straight leg, holding a strap looped "
                    "around the foot, while the other leg rests on the mat."
                ),
                "image_caption": (
                    "A strap, belt or towel lets you stretch your hamstrings with your back supported."
                ),
            },
            {
                "heading": "Go gently if you feel nerve symptoms",
                "body": _md(
                    """
                    Sometimes what feels like a tight hamstring is really a sensitive nerve. The
                    sciatic nerve runs down the back of the thigh, and when it is irritated, often
                    because of something going on in the lower back, stretching can make it
                    complain.

                    Nerve-type symptoms include tingling, pins and needles, numbness, burning, or
                    pain that shoots below the knee. If a stretch brings these on, stop, and come
                    back to a range where you feel only a mild pull in the muscle.

                    If the symptoms linger or appear on their own, see a doctor or
                    physiotherapist, who can work out where they are coming from.
                    """
                ),
                "routine": None,
                "image_drawing": None,
                "image_alt": "",
                "image_caption": "",
            },
        ],
    },
    {
        "title": "Getting to know your piriformis",
        "slug": "piriformis-stretches",
        "topic": "hip-stretches",
        "standfirst": (
            "A small muscle deep in the buttock with a big part to play in turning and steadying "
            "the hip. What it does, why it gets grumpy, and three stretches that reach it."
        ),
        "featured": False,
        "days_ago": 31,
        "hero_drawing": "hero-piriformis",
        "hero_alt": (
            "Illustration of a person sitting cross-legged on a round mat, hands resting on their "
            "knees, with a ring drawn around the hips."
        ),
        "cta": "none",
        "related": ["hip-stretches", "tight-hamstrings"],
        "sections": [
            {
                "heading": "A small muscle with a busy job",
                "body": _md(
                    """
                    The piriformis is a pear-shaped muscle that runs from the base of your spine
                    (the sacrum) to the top of your thigh bone, underneath the large gluteal
                    muscles. With a handful of small neighbours it makes up the **deep hip
                    rotators**: it turns the thigh outwards and helps hold the hip joint steady as
                    you walk, climb stairs and balance on one leg.

                    Because it works with every step, the piriformis can become tight and tender
                    when it is overworked, after lots of running or a long drive, for example, or
                    when it joins in bracing a sore lower back. A tight piriformis often shows up
                    as a deep ache in the middle of the buttock that is worse after sitting for a
                    long time.
                    """
                ),
                "routine": None,
                "image_drawing": None,
                "image_alt": "",
                "image_caption": "",
            },
            {
                "heading": "Three stretches that reach it",
                "body": _md(
                    """
                    The piriformis responds best to stretches that bend the hip and then turn the
                    knee outwards or draw it across the body. Start with whichever feels easiest:

                    1. **Knee across the body:** lying on your back, draw one bent knee towards
                       the opposite shoulder.
                    2. **Lying figure-four:** cross one ankle over the opposite knee, then draw
                       both legs gently towards you.
                    3. **Seated figure-four:** in a chair, rest one ankle on the opposite knee and
                       lean forward from your hips with a long back.

                    The first two are part of our
                    [four-part floor sequence for the hips](/stretches/hip-stretches/), which uses
                    short, rhythmic holds; the seated version is ideal at a desk. Wherever you do
                    them, you should feel a stretch deep in the buttock of the crossed leg, never a
                    pinch in the groin or pain in the knee.
                    """
                ),
                "routine": None,
                "image_drawing": "seated-figure-four",
                "image_alt": (
                    "A person sitting on a chair, seen from the front, with one ankle resting "
                    "across the opposite knee and their hands resting on the crossed leg."
                ),
                "image_caption": "The seated figure-four: sit tall first, then lean forward from your hips.",
            },
            {
                "heading": "When buttock pain travels down the leg",
                "body": _md(
                    """
                    Pain that starts in the buttock and spreads down the back of the leg is often
                    called sciatica. A tight piriformis is occasionally involved, but much more
                    often the source is in the lower back, where a nerve root can become
                    irritated. The two can feel very alike, so it's best not to diagnose yourself
                    from the symptoms alone.

                    See a doctor or physiotherapist if leg pain lasts more than a few weeks, keeps
                    coming back, or comes with numbness, tingling or weakness. Get urgent help if
                    you have numbness around your bottom or genitals, or any change in bladder or
                    bowel control.

                    In the meantime, keep gently active. Stretches like these should bring relief,
                    so stop any that make your leg symptoms worse.
                    """
                ),
                "routine": None,
                "image_drawing": None,
                "image_alt": "",
                "image_caption": "",
            },
        ],
    },
]


# Demo comments on the hip stretches article, in our own words. "reply_to" names an earlier key;
# approve=False leaves the comment in the moderation queue.
COMMENTS = [
    {
        "key": "maya",
        "name": "Maya",
        "approve": True,
        "text": "I did the floor sequence every evening for a fortnight. The knee-across-the-body "
        "one was awkward at first, but my lower back is noticeably less stiff when I get up.",
    },
    {
        "key": "tom",
        "name": "Tom",
        "approve": True,
        "reply_to": "maya",
        "text": "Same here! I found it easier with a folded towel under my head.",
    },
    {
        "key": "maya-again",
        "name": "Maya",
        "approve": True,
        "reply_to": "tom",
        "text": "Good tip, I'll try the towel tonight.",
    },
    {
        "key": "grace",
        "name": "Grace",
        "approve": True,
        "text": "The chair routine is perfect between meetings. Nobody even noticed I was stretching.",
    },
    {
        "key": "oliver",
        "name": "Oliver",
        "approve": False,
        "text": "Is it normal to feel the figure-four stretch more on one side than the other?",
    },
    {
        "key": "spammy",
        "name": "Deals",
        "approve": False,
        "text": "Great article! Cheap supplements at http://example.com/a and http://example.com/b",
    },
]
