/**
 * Python's `html.unescape` (3.11), with the full HTML5 named character reference table, as
 * markupsafe's `Markup.striptags()`/`unescape()` use it. Generated from Python's
 * `html.entities.html5`, `html._invalid_charrefs` and `html._invalid_codepoints`.
 */

// name (with or without the trailing ';') = replacement, entries separated by \x01
const PACKED =
  'Aacute=Á\x01aacute=á\x01Aacute;=Á\x01aacute;=á\x01Abreve;=Ă\x01abreve;=ă\x01ac;=∾\x01acd;=∿\x01' +
  'acE;=∾\u0333\x01Acirc=Â\x01acirc=â\x01Acirc;=Â\x01acirc;=â\x01acute=´\x01acute;=´\x01Acy;=А\x01' +
  'acy;=а\x01AElig=Æ\x01aelig=æ\x01AElig;=Æ\x01aelig;=æ\x01af;=\u2061\x01Afr;=𝔄\x01afr;=𝔞\x01' +
  'Agrave=À\x01agrave=à\x01Agrave;=À\x01agrave;=à\x01alefsym;=ℵ\x01aleph;=ℵ\x01Alpha;=Α\x01alpha;=α\x01' +
  'Amacr;=Ā\x01amacr;=ā\x01amalg;=⨿\x01AMP=&\x01amp=&\x01AMP;=&\x01amp;=&\x01And;=⩓\x01and;=∧\x01' +
  'andand;=⩕\x01andd;=⩜\x01andslope;=⩘\x01andv;=⩚\x01ang;=∠\x01ange;=⦤\x01angle;=∠\x01angmsd;=∡\x01' +
  'angmsdaa;=⦨\x01angmsdab;=⦩\x01angmsdac;=⦪\x01angmsdad;=⦫\x01angmsdae;=⦬\x01angmsdaf;=⦭\x01' +
  'angmsdag;=⦮\x01angmsdah;=⦯\x01angrt;=∟\x01angrtvb;=⊾\x01angrtvbd;=⦝\x01angsph;=∢\x01angst;=Å\x01' +
  'angzarr;=⍼\x01Aogon;=Ą\x01aogon;=ą\x01Aopf;=𝔸\x01aopf;=𝕒\x01ap;=≈\x01apacir;=⩯\x01apE;=⩰\x01' +
  'ape;=≊\x01apid;=≋\x01apos;=\'\x01ApplyFunction;=\u2061\x01approx;=≈\x01approxeq;=≊\x01Aring=Å\x01' +
  'aring=å\x01Aring;=Å\x01aring;=å\x01Ascr;=𝒜\x01ascr;=𝒶\x01Assign;=≔\x01ast;=*\x01asymp;=≈\x01' +
  'asympeq;=≍\x01Atilde=Ã\x01atilde=ã\x01Atilde;=Ã\x01atilde;=ã\x01Auml=Ä\x01auml=ä\x01Auml;=Ä\x01' +
  'auml;=ä\x01awconint;=∳\x01awint;=⨑\x01backcong;=≌\x01backepsilon;=϶\x01backprime;=‵\x01' +
  'backsim;=∽\x01backsimeq;=⋍\x01Backslash;=∖\x01Barv;=⫧\x01barvee;=⊽\x01Barwed;=⌆\x01barwed;=⌅\x01' +
  'barwedge;=⌅\x01bbrk;=⎵\x01bbrktbrk;=⎶\x01bcong;=≌\x01Bcy;=Б\x01bcy;=б\x01bdquo;=„\x01becaus;=∵\x01' +
  'Because;=∵\x01because;=∵\x01bemptyv;=⦰\x01bepsi;=϶\x01bernou;=ℬ\x01Bernoullis;=ℬ\x01Beta;=Β\x01' +
  'beta;=β\x01beth;=ℶ\x01between;=≬\x01Bfr;=𝔅\x01bfr;=𝔟\x01bigcap;=⋂\x01bigcirc;=◯\x01bigcup;=⋃\x01' +
  'bigodot;=⨀\x01bigoplus;=⨁\x01bigotimes;=⨂\x01bigsqcup;=⨆\x01bigstar;=★\x01bigtriangledown;=▽\x01' +
  'bigtriangleup;=△\x01biguplus;=⨄\x01bigvee;=⋁\x01bigwedge;=⋀\x01bkarow;=⤍\x01blacklozenge;=⧫\x01' +
  'blacksquare;=▪\x01blacktriangle;=▴\x01blacktriangledown;=▾\x01blacktriangleleft;=◂\x01' +
  'blacktriangleright;=▸\x01blank;=␣\x01blk12;=▒\x01blk14;=░\x01blk34;=▓\x01block;=█\x01' +
  'bne;==\u20e5\x01bnequiv;=≡\u20e5\x01bNot;=⫭\x01bnot;=⌐\x01Bopf;=𝔹\x01bopf;=𝕓\x01bot;=⊥\x01' +
  'bottom;=⊥\x01bowtie;=⋈\x01boxbox;=⧉\x01boxDL;=╗\x01boxDl;=╖\x01boxdL;=╕\x01boxdl;=┐\x01boxDR;=╔\x01' +
  'boxDr;=╓\x01boxdR;=╒\x01boxdr;=┌\x01boxH;=═\x01boxh;=─\x01boxHD;=╦\x01boxHd;=╤\x01boxhD;=╥\x01' +
  'boxhd;=┬\x01boxHU;=╩\x01boxHu;=╧\x01boxhU;=╨\x01boxhu;=┴\x01boxminus;=⊟\x01boxplus;=⊞\x01' +
  'boxtimes;=⊠\x01boxUL;=╝\x01boxUl;=╜\x01boxuL;=╛\x01boxul;=┘\x01boxUR;=╚\x01boxUr;=╙\x01boxuR;=╘\x01' +
  'boxur;=└\x01boxV;=║\x01boxv;=│\x01boxVH;=╬\x01boxVh;=╫\x01boxvH;=╪\x01boxvh;=┼\x01boxVL;=╣\x01' +
  'boxVl;=╢\x01boxvL;=╡\x01boxvl;=┤\x01boxVR;=╠\x01boxVr;=╟\x01boxvR;=╞\x01boxvr;=├\x01bprime;=‵\x01' +
  'Breve;=˘\x01breve;=˘\x01brvbar=¦\x01brvbar;=¦\x01Bscr;=ℬ\x01bscr;=𝒷\x01bsemi;=⁏\x01bsim;=∽\x01' +
  'bsime;=⋍\x01bsol;=\\\x01bsolb;=⧅\x01bsolhsub;=⟈\x01bull;=•\x01bullet;=•\x01bump;=≎\x01bumpE;=⪮\x01' +
  'bumpe;=≏\x01Bumpeq;=≎\x01bumpeq;=≏\x01Cacute;=Ć\x01cacute;=ć\x01Cap;=⋒\x01cap;=∩\x01capand;=⩄\x01' +
  'capbrcup;=⩉\x01capcap;=⩋\x01capcup;=⩇\x01capdot;=⩀\x01CapitalDifferentialD;=ⅅ\x01caps;=∩︀\x01' +
  'caret;=⁁\x01caron;=ˇ\x01Cayleys;=ℭ\x01ccaps;=⩍\x01Ccaron;=Č\x01ccaron;=č\x01Ccedil=Ç\x01ccedil=ç\x01' +
  'Ccedil;=Ç\x01ccedil;=ç\x01Ccirc;=Ĉ\x01ccirc;=ĉ\x01Cconint;=∰\x01ccups;=⩌\x01ccupssm;=⩐\x01' +
  'Cdot;=Ċ\x01cdot;=ċ\x01cedil=¸\x01cedil;=¸\x01Cedilla;=¸\x01cemptyv;=⦲\x01cent=¢\x01cent;=¢\x01' +
  'CenterDot;=·\x01centerdot;=·\x01Cfr;=ℭ\x01cfr;=𝔠\x01CHcy;=Ч\x01chcy;=ч\x01check;=✓\x01' +
  'checkmark;=✓\x01Chi;=Χ\x01chi;=χ\x01cir;=○\x01circ;=ˆ\x01circeq;=≗\x01circlearrowleft;=↺\x01' +
  'circlearrowright;=↻\x01circledast;=⊛\x01circledcirc;=⊚\x01circleddash;=⊝\x01CircleDot;=⊙\x01' +
  'circledR;=®\x01circledS;=Ⓢ\x01CircleMinus;=⊖\x01CirclePlus;=⊕\x01CircleTimes;=⊗\x01cirE;=⧃\x01' +
  'cire;=≗\x01cirfnint;=⨐\x01cirmid;=⫯\x01cirscir;=⧂\x01ClockwiseContourIntegral;=∲\x01' +
  'CloseCurlyDoubleQuote;=”\x01CloseCurlyQuote;=’\x01clubs;=♣\x01clubsuit;=♣\x01Colon;=∷\x01' +
  'colon;=:\x01Colone;=⩴\x01colone;=≔\x01coloneq;=≔\x01comma;=,\x01commat;=@\x01comp;=∁\x01' +
  'compfn;=∘\x01complement;=∁\x01complexes;=ℂ\x01cong;=≅\x01congdot;=⩭\x01Congruent;=≡\x01Conint;=∯\x01' +
  'conint;=∮\x01ContourIntegral;=∮\x01Copf;=ℂ\x01copf;=𝕔\x01coprod;=∐\x01Coproduct;=∐\x01COPY=©\x01' +
  'copy=©\x01COPY;=©\x01copy;=©\x01copysr;=℗\x01CounterClockwiseContourIntegral;=∳\x01crarr;=↵\x01' +
  'Cross;=⨯\x01cross;=✗\x01Cscr;=𝒞\x01cscr;=𝒸\x01csub;=⫏\x01csube;=⫑\x01csup;=⫐\x01csupe;=⫒\x01' +
  'ctdot;=⋯\x01cudarrl;=⤸\x01cudarrr;=⤵\x01cuepr;=⋞\x01cuesc;=⋟\x01cularr;=↶\x01cularrp;=⤽\x01' +
  'Cup;=⋓\x01cup;=∪\x01cupbrcap;=⩈\x01CupCap;=≍\x01cupcap;=⩆\x01cupcup;=⩊\x01cupdot;=⊍\x01cupor;=⩅\x01' +
  'cups;=∪︀\x01curarr;=↷\x01curarrm;=⤼\x01curlyeqprec;=⋞\x01curlyeqsucc;=⋟\x01curlyvee;=⋎\x01' +
  'curlywedge;=⋏\x01curren=¤\x01curren;=¤\x01curvearrowleft;=↶\x01curvearrowright;=↷\x01cuvee;=⋎\x01' +
  'cuwed;=⋏\x01cwconint;=∲\x01cwint;=∱\x01cylcty;=⌭\x01Dagger;=‡\x01dagger;=†\x01daleth;=ℸ\x01' +
  'Darr;=↡\x01dArr;=⇓\x01darr;=↓\x01dash;=‐\x01Dashv;=⫤\x01dashv;=⊣\x01dbkarow;=⤏\x01dblac;=˝\x01' +
  'Dcaron;=Ď\x01dcaron;=ď\x01Dcy;=Д\x01dcy;=д\x01DD;=ⅅ\x01dd;=ⅆ\x01ddagger;=‡\x01ddarr;=⇊\x01' +
  'DDotrahd;=⤑\x01ddotseq;=⩷\x01deg=°\x01deg;=°\x01Del;=∇\x01Delta;=Δ\x01delta;=δ\x01demptyv;=⦱\x01' +
  'dfisht;=⥿\x01Dfr;=𝔇\x01dfr;=𝔡\x01dHar;=⥥\x01dharl;=⇃\x01dharr;=⇂\x01DiacriticalAcute;=´\x01' +
  'DiacriticalDot;=˙\x01DiacriticalDoubleAcute;=˝\x01DiacriticalGrave;=`\x01DiacriticalTilde;=˜\x01' +
  'diam;=⋄\x01Diamond;=⋄\x01diamond;=⋄\x01diamondsuit;=♦\x01diams;=♦\x01die;=¨\x01DifferentialD;=ⅆ\x01' +
  'digamma;=ϝ\x01disin;=⋲\x01div;=÷\x01divide=÷\x01divide;=÷\x01divideontimes;=⋇\x01divonx;=⋇\x01' +
  'DJcy;=Ђ\x01djcy;=ђ\x01dlcorn;=⌞\x01dlcrop;=⌍\x01dollar;=$\x01Dopf;=𝔻\x01dopf;=𝕕\x01Dot;=¨\x01' +
  'dot;=˙\x01DotDot;=\u20dc\x01doteq;=≐\x01doteqdot;=≑\x01DotEqual;=≐\x01dotminus;=∸\x01dotplus;=∔\x01' +
  'dotsquare;=⊡\x01doublebarwedge;=⌆\x01DoubleContourIntegral;=∯\x01DoubleDot;=¨\x01' +
  'DoubleDownArrow;=⇓\x01DoubleLeftArrow;=⇐\x01DoubleLeftRightArrow;=⇔\x01DoubleLeftTee;=⫤\x01' +
  'DoubleLongLeftArrow;=⟸\x01DoubleLongLeftRightArrow;=⟺\x01DoubleLongRightArrow;=⟹\x01' +
  'DoubleRightArrow;=⇒\x01DoubleRightTee;=⊨\x01DoubleUpArrow;=⇑\x01DoubleUpDownArrow;=⇕\x01' +
  'DoubleVerticalBar;=∥\x01DownArrow;=↓\x01Downarrow;=⇓\x01downarrow;=↓\x01DownArrowBar;=⤓\x01' +
  'DownArrowUpArrow;=⇵\x01DownBreve;=\u0311\x01downdownarrows;=⇊\x01downharpoonleft;=⇃\x01' +
  'downharpoonright;=⇂\x01DownLeftRightVector;=⥐\x01DownLeftTeeVector;=⥞\x01DownLeftVector;=↽\x01' +
  'DownLeftVectorBar;=⥖\x01DownRightTeeVector;=⥟\x01DownRightVector;=⇁\x01DownRightVectorBar;=⥗\x01' +
  'DownTee;=⊤\x01DownTeeArrow;=↧\x01drbkarow;=⤐\x01drcorn;=⌟\x01drcrop;=⌌\x01Dscr;=𝒟\x01dscr;=𝒹\x01' +
  'DScy;=Ѕ\x01dscy;=ѕ\x01dsol;=⧶\x01Dstrok;=Đ\x01dstrok;=đ\x01dtdot;=⋱\x01dtri;=▿\x01dtrif;=▾\x01' +
  'duarr;=⇵\x01duhar;=⥯\x01dwangle;=⦦\x01DZcy;=Џ\x01dzcy;=џ\x01dzigrarr;=⟿\x01Eacute=É\x01eacute=é\x01' +
  'Eacute;=É\x01eacute;=é\x01easter;=⩮\x01Ecaron;=Ě\x01ecaron;=ě\x01ecir;=≖\x01Ecirc=Ê\x01ecirc=ê\x01' +
  'Ecirc;=Ê\x01ecirc;=ê\x01ecolon;=≕\x01Ecy;=Э\x01ecy;=э\x01eDDot;=⩷\x01Edot;=Ė\x01eDot;=≑\x01' +
  'edot;=ė\x01ee;=ⅇ\x01efDot;=≒\x01Efr;=𝔈\x01efr;=𝔢\x01eg;=⪚\x01Egrave=È\x01egrave=è\x01Egrave;=È\x01' +
  'egrave;=è\x01egs;=⪖\x01egsdot;=⪘\x01el;=⪙\x01Element;=∈\x01elinters;=⏧\x01ell;=ℓ\x01els;=⪕\x01' +
  'elsdot;=⪗\x01Emacr;=Ē\x01emacr;=ē\x01empty;=∅\x01emptyset;=∅\x01EmptySmallSquare;=◻\x01emptyv;=∅\x01' +
  'EmptyVerySmallSquare;=▫\x01emsp13;=\u2004\x01emsp14;=\u2005\x01emsp;=\u2003\x01ENG;=Ŋ\x01eng;=ŋ\x01' +
  'ensp;=\u2002\x01Eogon;=Ę\x01eogon;=ę\x01Eopf;=𝔼\x01eopf;=𝕖\x01epar;=⋕\x01eparsl;=⧣\x01eplus;=⩱\x01' +
  'epsi;=ε\x01Epsilon;=Ε\x01epsilon;=ε\x01epsiv;=ϵ\x01eqcirc;=≖\x01eqcolon;=≕\x01eqsim;=≂\x01' +
  'eqslantgtr;=⪖\x01eqslantless;=⪕\x01Equal;=⩵\x01equals;==\x01EqualTilde;=≂\x01equest;=≟\x01' +
  'Equilibrium;=⇌\x01equiv;=≡\x01equivDD;=⩸\x01eqvparsl;=⧥\x01erarr;=⥱\x01erDot;=≓\x01Escr;=ℰ\x01' +
  'escr;=ℯ\x01esdot;=≐\x01Esim;=⩳\x01esim;=≂\x01Eta;=Η\x01eta;=η\x01ETH=Ð\x01eth=ð\x01ETH;=Ð\x01' +
  'eth;=ð\x01Euml=Ë\x01euml=ë\x01Euml;=Ë\x01euml;=ë\x01euro;=€\x01excl;=!\x01exist;=∃\x01Exists;=∃\x01' +
  'expectation;=ℰ\x01ExponentialE;=ⅇ\x01exponentiale;=ⅇ\x01fallingdotseq;=≒\x01Fcy;=Ф\x01fcy;=ф\x01' +
  'female;=♀\x01ffilig;=ﬃ\x01fflig;=ﬀ\x01ffllig;=ﬄ\x01Ffr;=𝔉\x01ffr;=𝔣\x01filig;=ﬁ\x01' +
  'FilledSmallSquare;=◼\x01FilledVerySmallSquare;=▪\x01fjlig;=fj\x01flat;=♭\x01fllig;=ﬂ\x01fltns;=▱\x01' +
  'fnof;=ƒ\x01Fopf;=𝔽\x01fopf;=𝕗\x01ForAll;=∀\x01forall;=∀\x01fork;=⋔\x01forkv;=⫙\x01Fouriertrf;=ℱ\x01' +
  'fpartint;=⨍\x01frac12=½\x01frac12;=½\x01frac13;=⅓\x01frac14=¼\x01frac14;=¼\x01frac15;=⅕\x01' +
  'frac16;=⅙\x01frac18;=⅛\x01frac23;=⅔\x01frac25;=⅖\x01frac34=¾\x01frac34;=¾\x01frac35;=⅗\x01' +
  'frac38;=⅜\x01frac45;=⅘\x01frac56;=⅚\x01frac58;=⅝\x01frac78;=⅞\x01frasl;=⁄\x01frown;=⌢\x01Fscr;=ℱ\x01' +
  'fscr;=𝒻\x01gacute;=ǵ\x01Gamma;=Γ\x01gamma;=γ\x01Gammad;=Ϝ\x01gammad;=ϝ\x01gap;=⪆\x01Gbreve;=Ğ\x01' +
  'gbreve;=ğ\x01Gcedil;=Ģ\x01Gcirc;=Ĝ\x01gcirc;=ĝ\x01Gcy;=Г\x01gcy;=г\x01Gdot;=Ġ\x01gdot;=ġ\x01' +
  'gE;=≧\x01ge;=≥\x01gEl;=⪌\x01gel;=⋛\x01geq;=≥\x01geqq;=≧\x01geqslant;=⩾\x01ges;=⩾\x01gescc;=⪩\x01' +
  'gesdot;=⪀\x01gesdoto;=⪂\x01gesdotol;=⪄\x01gesl;=⋛︀\x01gesles;=⪔\x01Gfr;=𝔊\x01gfr;=𝔤\x01Gg;=⋙\x01' +
  'gg;=≫\x01ggg;=⋙\x01gimel;=ℷ\x01GJcy;=Ѓ\x01gjcy;=ѓ\x01gl;=≷\x01gla;=⪥\x01glE;=⪒\x01glj;=⪤\x01' +
  'gnap;=⪊\x01gnapprox;=⪊\x01gnE;=≩\x01gne;=⪈\x01gneq;=⪈\x01gneqq;=≩\x01gnsim;=⋧\x01Gopf;=𝔾\x01' +
  'gopf;=𝕘\x01grave;=`\x01GreaterEqual;=≥\x01GreaterEqualLess;=⋛\x01GreaterFullEqual;=≧\x01' +
  'GreaterGreater;=⪢\x01GreaterLess;=≷\x01GreaterSlantEqual;=⩾\x01GreaterTilde;=≳\x01Gscr;=𝒢\x01' +
  'gscr;=ℊ\x01gsim;=≳\x01gsime;=⪎\x01gsiml;=⪐\x01GT=>\x01gt=>\x01GT;=>\x01Gt;=≫\x01gt;=>\x01gtcc;=⪧\x01' +
  'gtcir;=⩺\x01gtdot;=⋗\x01gtlPar;=⦕\x01gtquest;=⩼\x01gtrapprox;=⪆\x01gtrarr;=⥸\x01gtrdot;=⋗\x01' +
  'gtreqless;=⋛\x01gtreqqless;=⪌\x01gtrless;=≷\x01gtrsim;=≳\x01gvertneqq;=≩︀\x01gvnE;=≩︀\x01' +
  'Hacek;=ˇ\x01hairsp;=\u200a\x01half;=½\x01hamilt;=ℋ\x01HARDcy;=Ъ\x01hardcy;=ъ\x01hArr;=⇔\x01' +
  'harr;=↔\x01harrcir;=⥈\x01harrw;=↭\x01Hat;=^\x01hbar;=ℏ\x01Hcirc;=Ĥ\x01hcirc;=ĥ\x01hearts;=♥\x01' +
  'heartsuit;=♥\x01hellip;=…\x01hercon;=⊹\x01Hfr;=ℌ\x01hfr;=𝔥\x01HilbertSpace;=ℋ\x01hksearow;=⤥\x01' +
  'hkswarow;=⤦\x01hoarr;=⇿\x01homtht;=∻\x01hookleftarrow;=↩\x01hookrightarrow;=↪\x01Hopf;=ℍ\x01' +
  'hopf;=𝕙\x01horbar;=―\x01HorizontalLine;=─\x01Hscr;=ℋ\x01hscr;=𝒽\x01hslash;=ℏ\x01Hstrok;=Ħ\x01' +
  'hstrok;=ħ\x01HumpDownHump;=≎\x01HumpEqual;=≏\x01hybull;=⁃\x01hyphen;=‐\x01Iacute=Í\x01iacute=í\x01' +
  'Iacute;=Í\x01iacute;=í\x01ic;=\u2063\x01Icirc=Î\x01icirc=î\x01Icirc;=Î\x01icirc;=î\x01Icy;=И\x01' +
  'icy;=и\x01Idot;=İ\x01IEcy;=Е\x01iecy;=е\x01iexcl=¡\x01iexcl;=¡\x01iff;=⇔\x01Ifr;=ℑ\x01ifr;=𝔦\x01' +
  'Igrave=Ì\x01igrave=ì\x01Igrave;=Ì\x01igrave;=ì\x01ii;=ⅈ\x01iiiint;=⨌\x01iiint;=∭\x01iinfin;=⧜\x01' +
  'iiota;=℩\x01IJlig;=Ĳ\x01ijlig;=ĳ\x01Im;=ℑ\x01Imacr;=Ī\x01imacr;=ī\x01image;=ℑ\x01ImaginaryI;=ⅈ\x01' +
  'imagline;=ℐ\x01imagpart;=ℑ\x01imath;=ı\x01imof;=⊷\x01imped;=Ƶ\x01Implies;=⇒\x01in;=∈\x01' +
  'incare;=℅\x01infin;=∞\x01infintie;=⧝\x01inodot;=ı\x01Int;=∬\x01int;=∫\x01intcal;=⊺\x01' +
  'integers;=ℤ\x01Integral;=∫\x01intercal;=⊺\x01Intersection;=⋂\x01intlarhk;=⨗\x01intprod;=⨼\x01' +
  'InvisibleComma;=\u2063\x01InvisibleTimes;=\u2062\x01IOcy;=Ё\x01iocy;=ё\x01Iogon;=Į\x01iogon;=į\x01' +
  'Iopf;=𝕀\x01iopf;=𝕚\x01Iota;=Ι\x01iota;=ι\x01iprod;=⨼\x01iquest=¿\x01iquest;=¿\x01Iscr;=ℐ\x01' +
  'iscr;=𝒾\x01isin;=∈\x01isindot;=⋵\x01isinE;=⋹\x01isins;=⋴\x01isinsv;=⋳\x01isinv;=∈\x01it;=\u2062\x01' +
  'Itilde;=Ĩ\x01itilde;=ĩ\x01Iukcy;=І\x01iukcy;=і\x01Iuml=Ï\x01iuml=ï\x01Iuml;=Ï\x01iuml;=ï\x01' +
  'Jcirc;=Ĵ\x01jcirc;=ĵ\x01Jcy;=Й\x01jcy;=й\x01Jfr;=𝔍\x01jfr;=𝔧\x01jmath;=ȷ\x01Jopf;=𝕁\x01jopf;=𝕛\x01' +
  'Jscr;=𝒥\x01jscr;=𝒿\x01Jsercy;=Ј\x01jsercy;=ј\x01Jukcy;=Є\x01jukcy;=є\x01Kappa;=Κ\x01kappa;=κ\x01' +
  'kappav;=ϰ\x01Kcedil;=Ķ\x01kcedil;=ķ\x01Kcy;=К\x01kcy;=к\x01Kfr;=𝔎\x01kfr;=𝔨\x01kgreen;=ĸ\x01' +
  'KHcy;=Х\x01khcy;=х\x01KJcy;=Ќ\x01kjcy;=ќ\x01Kopf;=𝕂\x01kopf;=𝕜\x01Kscr;=𝒦\x01kscr;=𝓀\x01lAarr;=⇚\x01' +
  'Lacute;=Ĺ\x01lacute;=ĺ\x01laemptyv;=⦴\x01lagran;=ℒ\x01Lambda;=Λ\x01lambda;=λ\x01Lang;=⟪\x01' +
  'lang;=⟨\x01langd;=⦑\x01langle;=⟨\x01lap;=⪅\x01Laplacetrf;=ℒ\x01laquo=«\x01laquo;=«\x01Larr;=↞\x01' +
  'lArr;=⇐\x01larr;=←\x01larrb;=⇤\x01larrbfs;=⤟\x01larrfs;=⤝\x01larrhk;=↩\x01larrlp;=↫\x01larrpl;=⤹\x01' +
  'larrsim;=⥳\x01larrtl;=↢\x01lat;=⪫\x01lAtail;=⤛\x01latail;=⤙\x01late;=⪭\x01lates;=⪭︀\x01lBarr;=⤎\x01' +
  'lbarr;=⤌\x01lbbrk;=❲\x01lbrace;={\x01lbrack;=[\x01lbrke;=⦋\x01lbrksld;=⦏\x01lbrkslu;=⦍\x01' +
  'Lcaron;=Ľ\x01lcaron;=ľ\x01Lcedil;=Ļ\x01lcedil;=ļ\x01lceil;=⌈\x01lcub;={\x01Lcy;=Л\x01lcy;=л\x01' +
  'ldca;=⤶\x01ldquo;=“\x01ldquor;=„\x01ldrdhar;=⥧\x01ldrushar;=⥋\x01ldsh;=↲\x01lE;=≦\x01le;=≤\x01' +
  'LeftAngleBracket;=⟨\x01LeftArrow;=←\x01Leftarrow;=⇐\x01leftarrow;=←\x01LeftArrowBar;=⇤\x01' +
  'LeftArrowRightArrow;=⇆\x01leftarrowtail;=↢\x01LeftCeiling;=⌈\x01LeftDoubleBracket;=⟦\x01' +
  'LeftDownTeeVector;=⥡\x01LeftDownVector;=⇃\x01LeftDownVectorBar;=⥙\x01LeftFloor;=⌊\x01' +
  'leftharpoondown;=↽\x01leftharpoonup;=↼\x01leftleftarrows;=⇇\x01LeftRightArrow;=↔\x01' +
  'Leftrightarrow;=⇔\x01leftrightarrow;=↔\x01leftrightarrows;=⇆\x01leftrightharpoons;=⇋\x01' +
  'leftrightsquigarrow;=↭\x01LeftRightVector;=⥎\x01LeftTee;=⊣\x01LeftTeeArrow;=↤\x01' +
  'LeftTeeVector;=⥚\x01leftthreetimes;=⋋\x01LeftTriangle;=⊲\x01LeftTriangleBar;=⧏\x01' +
  'LeftTriangleEqual;=⊴\x01LeftUpDownVector;=⥑\x01LeftUpTeeVector;=⥠\x01LeftUpVector;=↿\x01' +
  'LeftUpVectorBar;=⥘\x01LeftVector;=↼\x01LeftVectorBar;=⥒\x01lEg;=⪋\x01leg;=⋚\x01leq;=≤\x01leqq;=≦\x01' +
  'leqslant;=⩽\x01les;=⩽\x01lescc;=⪨\x01lesdot;=⩿\x01lesdoto;=⪁\x01lesdotor;=⪃\x01lesg;=⋚︀\x01' +
  'lesges;=⪓\x01lessapprox;=⪅\x01lessdot;=⋖\x01lesseqgtr;=⋚\x01lesseqqgtr;=⪋\x01LessEqualGreater;=⋚\x01' +
  'LessFullEqual;=≦\x01LessGreater;=≶\x01lessgtr;=≶\x01LessLess;=⪡\x01lesssim;=≲\x01' +
  'LessSlantEqual;=⩽\x01LessTilde;=≲\x01lfisht;=⥼\x01lfloor;=⌊\x01Lfr;=𝔏\x01lfr;=𝔩\x01lg;=≶\x01' +
  'lgE;=⪑\x01lHar;=⥢\x01lhard;=↽\x01lharu;=↼\x01lharul;=⥪\x01lhblk;=▄\x01LJcy;=Љ\x01ljcy;=љ\x01' +
  'Ll;=⋘\x01ll;=≪\x01llarr;=⇇\x01llcorner;=⌞\x01Lleftarrow;=⇚\x01llhard;=⥫\x01lltri;=◺\x01Lmidot;=Ŀ\x01' +
  'lmidot;=ŀ\x01lmoust;=⎰\x01lmoustache;=⎰\x01lnap;=⪉\x01lnapprox;=⪉\x01lnE;=≨\x01lne;=⪇\x01lneq;=⪇\x01' +
  'lneqq;=≨\x01lnsim;=⋦\x01loang;=⟬\x01loarr;=⇽\x01lobrk;=⟦\x01LongLeftArrow;=⟵\x01Longleftarrow;=⟸\x01' +
  'longleftarrow;=⟵\x01LongLeftRightArrow;=⟷\x01Longleftrightarrow;=⟺\x01longleftrightarrow;=⟷\x01' +
  'longmapsto;=⟼\x01LongRightArrow;=⟶\x01Longrightarrow;=⟹\x01longrightarrow;=⟶\x01looparrowleft;=↫\x01' +
  'looparrowright;=↬\x01lopar;=⦅\x01Lopf;=𝕃\x01lopf;=𝕝\x01loplus;=⨭\x01lotimes;=⨴\x01lowast;=∗\x01' +
  'lowbar;=_\x01LowerLeftArrow;=↙\x01LowerRightArrow;=↘\x01loz;=◊\x01lozenge;=◊\x01lozf;=⧫\x01' +
  'lpar;=(\x01lparlt;=⦓\x01lrarr;=⇆\x01lrcorner;=⌟\x01lrhar;=⇋\x01lrhard;=⥭\x01lrm;=\u200e\x01' +
  'lrtri;=⊿\x01lsaquo;=‹\x01Lscr;=ℒ\x01lscr;=𝓁\x01Lsh;=↰\x01lsh;=↰\x01lsim;=≲\x01lsime;=⪍\x01' +
  'lsimg;=⪏\x01lsqb;=[\x01lsquo;=‘\x01lsquor;=‚\x01Lstrok;=Ł\x01lstrok;=ł\x01LT=<\x01lt=<\x01LT;=<\x01' +
  'Lt;=≪\x01lt;=<\x01ltcc;=⪦\x01ltcir;=⩹\x01ltdot;=⋖\x01lthree;=⋋\x01ltimes;=⋉\x01ltlarr;=⥶\x01' +
  'ltquest;=⩻\x01ltri;=◃\x01ltrie;=⊴\x01ltrif;=◂\x01ltrPar;=⦖\x01lurdshar;=⥊\x01luruhar;=⥦\x01' +
  'lvertneqq;=≨︀\x01lvnE;=≨︀\x01macr=¯\x01macr;=¯\x01male;=♂\x01malt;=✠\x01maltese;=✠\x01Map;=⤅\x01' +
  'map;=↦\x01mapsto;=↦\x01mapstodown;=↧\x01mapstoleft;=↤\x01mapstoup;=↥\x01marker;=▮\x01mcomma;=⨩\x01' +
  'Mcy;=М\x01mcy;=м\x01mdash;=—\x01mDDot;=∺\x01measuredangle;=∡\x01MediumSpace;=\u205f\x01' +
  'Mellintrf;=ℳ\x01Mfr;=𝔐\x01mfr;=𝔪\x01mho;=℧\x01micro=µ\x01micro;=µ\x01mid;=∣\x01midast;=*\x01' +
  'midcir;=⫰\x01middot=·\x01middot;=·\x01minus;=−\x01minusb;=⊟\x01minusd;=∸\x01minusdu;=⨪\x01' +
  'MinusPlus;=∓\x01mlcp;=⫛\x01mldr;=…\x01mnplus;=∓\x01models;=⊧\x01Mopf;=𝕄\x01mopf;=𝕞\x01mp;=∓\x01' +
  'Mscr;=ℳ\x01mscr;=𝓂\x01mstpos;=∾\x01Mu;=Μ\x01mu;=μ\x01multimap;=⊸\x01mumap;=⊸\x01nabla;=∇\x01' +
  'Nacute;=Ń\x01nacute;=ń\x01nang;=∠\u20d2\x01nap;=≉\x01napE;=⩰\u0338\x01napid;=≋\u0338\x01napos;=ŉ\x01' +
  'napprox;=≉\x01natur;=♮\x01natural;=♮\x01naturals;=ℕ\x01nbsp=\u00a0\x01nbsp;=\u00a0\x01' +
  'nbump;=≎\u0338\x01nbumpe;=≏\u0338\x01ncap;=⩃\x01Ncaron;=Ň\x01ncaron;=ň\x01Ncedil;=Ņ\x01ncedil;=ņ\x01' +
  'ncong;=≇\x01ncongdot;=⩭\u0338\x01ncup;=⩂\x01Ncy;=Н\x01ncy;=н\x01ndash;=–\x01ne;=≠\x01nearhk;=⤤\x01' +
  'neArr;=⇗\x01nearr;=↗\x01nearrow;=↗\x01nedot;=≐\u0338\x01NegativeMediumSpace;=\u200b\x01' +
  'NegativeThickSpace;=\u200b\x01NegativeThinSpace;=\u200b\x01NegativeVeryThinSpace;=\u200b\x01' +
  'nequiv;=≢\x01nesear;=⤨\x01nesim;=≂\u0338\x01NestedGreaterGreater;=≫\x01NestedLessLess;=≪\x01' +
  'NewLine;=\u000a\x01nexist;=∄\x01nexists;=∄\x01Nfr;=𝔑\x01nfr;=𝔫\x01ngE;=≧\u0338\x01nge;=≱\x01' +
  'ngeq;=≱\x01ngeqq;=≧\u0338\x01ngeqslant;=⩾\u0338\x01nges;=⩾\u0338\x01nGg;=⋙\u0338\x01ngsim;=≵\x01' +
  'nGt;=≫\u20d2\x01ngt;=≯\x01ngtr;=≯\x01nGtv;=≫\u0338\x01nhArr;=⇎\x01nharr;=↮\x01nhpar;=⫲\x01ni;=∋\x01' +
  'nis;=⋼\x01nisd;=⋺\x01niv;=∋\x01NJcy;=Њ\x01njcy;=њ\x01nlArr;=⇍\x01nlarr;=↚\x01nldr;=‥\x01' +
  'nlE;=≦\u0338\x01nle;=≰\x01nLeftarrow;=⇍\x01nleftarrow;=↚\x01nLeftrightarrow;=⇎\x01' +
  'nleftrightarrow;=↮\x01nleq;=≰\x01nleqq;=≦\u0338\x01nleqslant;=⩽\u0338\x01nles;=⩽\u0338\x01' +
  'nless;=≮\x01nLl;=⋘\u0338\x01nlsim;=≴\x01nLt;=≪\u20d2\x01nlt;=≮\x01nltri;=⋪\x01nltrie;=⋬\x01' +
  'nLtv;=≪\u0338\x01nmid;=∤\x01NoBreak;=\u2060\x01NonBreakingSpace;=\u00a0\x01Nopf;=ℕ\x01nopf;=𝕟\x01' +
  'not=¬\x01Not;=⫬\x01not;=¬\x01NotCongruent;=≢\x01NotCupCap;=≭\x01NotDoubleVerticalBar;=∦\x01' +
  'NotElement;=∉\x01NotEqual;=≠\x01NotEqualTilde;=≂\u0338\x01NotExists;=∄\x01NotGreater;=≯\x01' +
  'NotGreaterEqual;=≱\x01NotGreaterFullEqual;=≧\u0338\x01NotGreaterGreater;=≫\u0338\x01' +
  'NotGreaterLess;=≹\x01NotGreaterSlantEqual;=⩾\u0338\x01NotGreaterTilde;=≵\x01' +
  'NotHumpDownHump;=≎\u0338\x01NotHumpEqual;=≏\u0338\x01notin;=∉\x01notindot;=⋵\u0338\x01' +
  'notinE;=⋹\u0338\x01notinva;=∉\x01notinvb;=⋷\x01notinvc;=⋶\x01NotLeftTriangle;=⋪\x01' +
  'NotLeftTriangleBar;=⧏\u0338\x01NotLeftTriangleEqual;=⋬\x01NotLess;=≮\x01NotLessEqual;=≰\x01' +
  'NotLessGreater;=≸\x01NotLessLess;=≪\u0338\x01NotLessSlantEqual;=⩽\u0338\x01NotLessTilde;=≴\x01' +
  'NotNestedGreaterGreater;=⪢\u0338\x01NotNestedLessLess;=⪡\u0338\x01notni;=∌\x01notniva;=∌\x01' +
  'notnivb;=⋾\x01notnivc;=⋽\x01NotPrecedes;=⊀\x01NotPrecedesEqual;=⪯\u0338\x01' +
  'NotPrecedesSlantEqual;=⋠\x01NotReverseElement;=∌\x01NotRightTriangle;=⋫\x01' +
  'NotRightTriangleBar;=⧐\u0338\x01NotRightTriangleEqual;=⋭\x01NotSquareSubset;=⊏\u0338\x01' +
  'NotSquareSubsetEqual;=⋢\x01NotSquareSuperset;=⊐\u0338\x01NotSquareSupersetEqual;=⋣\x01' +
  'NotSubset;=⊂\u20d2\x01NotSubsetEqual;=⊈\x01NotSucceeds;=⊁\x01NotSucceedsEqual;=⪰\u0338\x01' +
  'NotSucceedsSlantEqual;=⋡\x01NotSucceedsTilde;=≿\u0338\x01NotSuperset;=⊃\u20d2\x01' +
  'NotSupersetEqual;=⊉\x01NotTilde;=≁\x01NotTildeEqual;=≄\x01NotTildeFullEqual;=≇\x01' +
  'NotTildeTilde;=≉\x01NotVerticalBar;=∤\x01npar;=∦\x01nparallel;=∦\x01nparsl;=⫽\u20e5\x01' +
  'npart;=∂\u0338\x01npolint;=⨔\x01npr;=⊀\x01nprcue;=⋠\x01npre;=⪯\u0338\x01nprec;=⊀\x01' +
  'npreceq;=⪯\u0338\x01nrArr;=⇏\x01nrarr;=↛\x01nrarrc;=⤳\u0338\x01nrarrw;=↝\u0338\x01nRightarrow;=⇏\x01' +
  'nrightarrow;=↛\x01nrtri;=⋫\x01nrtrie;=⋭\x01nsc;=⊁\x01nsccue;=⋡\x01nsce;=⪰\u0338\x01Nscr;=𝒩\x01' +
  'nscr;=𝓃\x01nshortmid;=∤\x01nshortparallel;=∦\x01nsim;=≁\x01nsime;=≄\x01nsimeq;=≄\x01nsmid;=∤\x01' +
  'nspar;=∦\x01nsqsube;=⋢\x01nsqsupe;=⋣\x01nsub;=⊄\x01nsubE;=⫅\u0338\x01nsube;=⊈\x01' +
  'nsubset;=⊂\u20d2\x01nsubseteq;=⊈\x01nsubseteqq;=⫅\u0338\x01nsucc;=⊁\x01nsucceq;=⪰\u0338\x01' +
  'nsup;=⊅\x01nsupE;=⫆\u0338\x01nsupe;=⊉\x01nsupset;=⊃\u20d2\x01nsupseteq;=⊉\x01nsupseteqq;=⫆\u0338\x01' +
  'ntgl;=≹\x01Ntilde=Ñ\x01ntilde=ñ\x01Ntilde;=Ñ\x01ntilde;=ñ\x01ntlg;=≸\x01ntriangleleft;=⋪\x01' +
  'ntrianglelefteq;=⋬\x01ntriangleright;=⋫\x01ntrianglerighteq;=⋭\x01Nu;=Ν\x01nu;=ν\x01num;=#\x01' +
  'numero;=№\x01numsp;=\u2007\x01nvap;=≍\u20d2\x01nVDash;=⊯\x01nVdash;=⊮\x01nvDash;=⊭\x01nvdash;=⊬\x01' +
  'nvge;=≥\u20d2\x01nvgt;=>\u20d2\x01nvHarr;=⤄\x01nvinfin;=⧞\x01nvlArr;=⤂\x01nvle;=≤\u20d2\x01' +
  'nvlt;=<\u20d2\x01nvltrie;=⊴\u20d2\x01nvrArr;=⤃\x01nvrtrie;=⊵\u20d2\x01nvsim;=∼\u20d2\x01' +
  'nwarhk;=⤣\x01nwArr;=⇖\x01nwarr;=↖\x01nwarrow;=↖\x01nwnear;=⤧\x01Oacute=Ó\x01oacute=ó\x01' +
  'Oacute;=Ó\x01oacute;=ó\x01oast;=⊛\x01ocir;=⊚\x01Ocirc=Ô\x01ocirc=ô\x01Ocirc;=Ô\x01ocirc;=ô\x01' +
  'Ocy;=О\x01ocy;=о\x01odash;=⊝\x01Odblac;=Ő\x01odblac;=ő\x01odiv;=⨸\x01odot;=⊙\x01odsold;=⦼\x01' +
  'OElig;=Œ\x01oelig;=œ\x01ofcir;=⦿\x01Ofr;=𝔒\x01ofr;=𝔬\x01ogon;=˛\x01Ograve=Ò\x01ograve=ò\x01' +
  'Ograve;=Ò\x01ograve;=ò\x01ogt;=⧁\x01ohbar;=⦵\x01ohm;=Ω\x01oint;=∮\x01olarr;=↺\x01olcir;=⦾\x01' +
  'olcross;=⦻\x01oline;=‾\x01olt;=⧀\x01Omacr;=Ō\x01omacr;=ō\x01Omega;=Ω\x01omega;=ω\x01Omicron;=Ο\x01' +
  'omicron;=ο\x01omid;=⦶\x01ominus;=⊖\x01Oopf;=𝕆\x01oopf;=𝕠\x01opar;=⦷\x01OpenCurlyDoubleQuote;=“\x01' +
  'OpenCurlyQuote;=‘\x01operp;=⦹\x01oplus;=⊕\x01Or;=⩔\x01or;=∨\x01orarr;=↻\x01ord;=⩝\x01order;=ℴ\x01' +
  'orderof;=ℴ\x01ordf=ª\x01ordf;=ª\x01ordm=º\x01ordm;=º\x01origof;=⊶\x01oror;=⩖\x01orslope;=⩗\x01' +
  'orv;=⩛\x01oS;=Ⓢ\x01Oscr;=𝒪\x01oscr;=ℴ\x01Oslash=Ø\x01oslash=ø\x01Oslash;=Ø\x01oslash;=ø\x01' +
  'osol;=⊘\x01Otilde=Õ\x01otilde=õ\x01Otilde;=Õ\x01otilde;=õ\x01Otimes;=⨷\x01otimes;=⊗\x01' +
  'otimesas;=⨶\x01Ouml=Ö\x01ouml=ö\x01Ouml;=Ö\x01ouml;=ö\x01ovbar;=⌽\x01OverBar;=‾\x01OverBrace;=⏞\x01' +
  'OverBracket;=⎴\x01OverParenthesis;=⏜\x01par;=∥\x01para=¶\x01para;=¶\x01parallel;=∥\x01parsim;=⫳\x01' +
  'parsl;=⫽\x01part;=∂\x01PartialD;=∂\x01Pcy;=П\x01pcy;=п\x01percnt;=%\x01period;=.\x01permil;=‰\x01' +
  'perp;=⊥\x01pertenk;=‱\x01Pfr;=𝔓\x01pfr;=𝔭\x01Phi;=Φ\x01phi;=φ\x01phiv;=ϕ\x01phmmat;=ℳ\x01' +
  'phone;=☎\x01Pi;=Π\x01pi;=π\x01pitchfork;=⋔\x01piv;=ϖ\x01planck;=ℏ\x01planckh;=ℎ\x01plankv;=ℏ\x01' +
  'plus;=+\x01plusacir;=⨣\x01plusb;=⊞\x01pluscir;=⨢\x01plusdo;=∔\x01plusdu;=⨥\x01pluse;=⩲\x01' +
  'PlusMinus;=±\x01plusmn=±\x01plusmn;=±\x01plussim;=⨦\x01plustwo;=⨧\x01pm;=±\x01Poincareplane;=ℌ\x01' +
  'pointint;=⨕\x01Popf;=ℙ\x01popf;=𝕡\x01pound=£\x01pound;=£\x01Pr;=⪻\x01pr;=≺\x01prap;=⪷\x01' +
  'prcue;=≼\x01prE;=⪳\x01pre;=⪯\x01prec;=≺\x01precapprox;=⪷\x01preccurlyeq;=≼\x01Precedes;=≺\x01' +
  'PrecedesEqual;=⪯\x01PrecedesSlantEqual;=≼\x01PrecedesTilde;=≾\x01preceq;=⪯\x01precnapprox;=⪹\x01' +
  'precneqq;=⪵\x01precnsim;=⋨\x01precsim;=≾\x01Prime;=″\x01prime;=′\x01primes;=ℙ\x01prnap;=⪹\x01' +
  'prnE;=⪵\x01prnsim;=⋨\x01prod;=∏\x01Product;=∏\x01profalar;=⌮\x01profline;=⌒\x01profsurf;=⌓\x01' +
  'prop;=∝\x01Proportion;=∷\x01Proportional;=∝\x01propto;=∝\x01prsim;=≾\x01prurel;=⊰\x01Pscr;=𝒫\x01' +
  'pscr;=𝓅\x01Psi;=Ψ\x01psi;=ψ\x01puncsp;=\u2008\x01Qfr;=𝔔\x01qfr;=𝔮\x01qint;=⨌\x01Qopf;=ℚ\x01' +
  'qopf;=𝕢\x01qprime;=⁗\x01Qscr;=𝒬\x01qscr;=𝓆\x01quaternions;=ℍ\x01quatint;=⨖\x01quest;=?\x01' +
  'questeq;=≟\x01QUOT="\x01quot="\x01QUOT;="\x01quot;="\x01rAarr;=⇛\x01race;=∽\u0331\x01Racute;=Ŕ\x01' +
  'racute;=ŕ\x01radic;=√\x01raemptyv;=⦳\x01Rang;=⟫\x01rang;=⟩\x01rangd;=⦒\x01range;=⦥\x01rangle;=⟩\x01' +
  'raquo=»\x01raquo;=»\x01Rarr;=↠\x01rArr;=⇒\x01rarr;=→\x01rarrap;=⥵\x01rarrb;=⇥\x01rarrbfs;=⤠\x01' +
  'rarrc;=⤳\x01rarrfs;=⤞\x01rarrhk;=↪\x01rarrlp;=↬\x01rarrpl;=⥅\x01rarrsim;=⥴\x01Rarrtl;=⤖\x01' +
  'rarrtl;=↣\x01rarrw;=↝\x01rAtail;=⤜\x01ratail;=⤚\x01ratio;=∶\x01rationals;=ℚ\x01RBarr;=⤐\x01' +
  'rBarr;=⤏\x01rbarr;=⤍\x01rbbrk;=❳\x01rbrace;=}\x01rbrack;=]\x01rbrke;=⦌\x01rbrksld;=⦎\x01' +
  'rbrkslu;=⦐\x01Rcaron;=Ř\x01rcaron;=ř\x01Rcedil;=Ŗ\x01rcedil;=ŗ\x01rceil;=⌉\x01rcub;=}\x01Rcy;=Р\x01' +
  'rcy;=р\x01rdca;=⤷\x01rdldhar;=⥩\x01rdquo;=”\x01rdquor;=”\x01rdsh;=↳\x01Re;=ℜ\x01real;=ℜ\x01' +
  'realine;=ℛ\x01realpart;=ℜ\x01reals;=ℝ\x01rect;=▭\x01REG=®\x01reg=®\x01REG;=®\x01reg;=®\x01' +
  'ReverseElement;=∋\x01ReverseEquilibrium;=⇋\x01ReverseUpEquilibrium;=⥯\x01rfisht;=⥽\x01rfloor;=⌋\x01' +
  'Rfr;=ℜ\x01rfr;=𝔯\x01rHar;=⥤\x01rhard;=⇁\x01rharu;=⇀\x01rharul;=⥬\x01Rho;=Ρ\x01rho;=ρ\x01rhov;=ϱ\x01' +
  'RightAngleBracket;=⟩\x01RightArrow;=→\x01Rightarrow;=⇒\x01rightarrow;=→\x01RightArrowBar;=⇥\x01' +
  'RightArrowLeftArrow;=⇄\x01rightarrowtail;=↣\x01RightCeiling;=⌉\x01RightDoubleBracket;=⟧\x01' +
  'RightDownTeeVector;=⥝\x01RightDownVector;=⇂\x01RightDownVectorBar;=⥕\x01RightFloor;=⌋\x01' +
  'rightharpoondown;=⇁\x01rightharpoonup;=⇀\x01rightleftarrows;=⇄\x01rightleftharpoons;=⇌\x01' +
  'rightrightarrows;=⇉\x01rightsquigarrow;=↝\x01RightTee;=⊢\x01RightTeeArrow;=↦\x01' +
  'RightTeeVector;=⥛\x01rightthreetimes;=⋌\x01RightTriangle;=⊳\x01RightTriangleBar;=⧐\x01' +
  'RightTriangleEqual;=⊵\x01RightUpDownVector;=⥏\x01RightUpTeeVector;=⥜\x01RightUpVector;=↾\x01' +
  'RightUpVectorBar;=⥔\x01RightVector;=⇀\x01RightVectorBar;=⥓\x01ring;=˚\x01risingdotseq;=≓\x01' +
  'rlarr;=⇄\x01rlhar;=⇌\x01rlm;=\u200f\x01rmoust;=⎱\x01rmoustache;=⎱\x01rnmid;=⫮\x01roang;=⟭\x01' +
  'roarr;=⇾\x01robrk;=⟧\x01ropar;=⦆\x01Ropf;=ℝ\x01ropf;=𝕣\x01roplus;=⨮\x01rotimes;=⨵\x01' +
  'RoundImplies;=⥰\x01rpar;=)\x01rpargt;=⦔\x01rppolint;=⨒\x01rrarr;=⇉\x01Rrightarrow;=⇛\x01' +
  'rsaquo;=›\x01Rscr;=ℛ\x01rscr;=𝓇\x01Rsh;=↱\x01rsh;=↱\x01rsqb;=]\x01rsquo;=’\x01rsquor;=’\x01' +
  'rthree;=⋌\x01rtimes;=⋊\x01rtri;=▹\x01rtrie;=⊵\x01rtrif;=▸\x01rtriltri;=⧎\x01RuleDelayed;=⧴\x01' +
  'ruluhar;=⥨\x01rx;=℞\x01Sacute;=Ś\x01sacute;=ś\x01sbquo;=‚\x01Sc;=⪼\x01sc;=≻\x01scap;=⪸\x01' +
  'Scaron;=Š\x01scaron;=š\x01sccue;=≽\x01scE;=⪴\x01sce;=⪰\x01Scedil;=Ş\x01scedil;=ş\x01Scirc;=Ŝ\x01' +
  'scirc;=ŝ\x01scnap;=⪺\x01scnE;=⪶\x01scnsim;=⋩\x01scpolint;=⨓\x01scsim;=≿\x01Scy;=С\x01scy;=с\x01' +
  'sdot;=⋅\x01sdotb;=⊡\x01sdote;=⩦\x01searhk;=⤥\x01seArr;=⇘\x01searr;=↘\x01searrow;=↘\x01sect=§\x01' +
  'sect;=§\x01semi;=;\x01seswar;=⤩\x01setminus;=∖\x01setmn;=∖\x01sext;=✶\x01Sfr;=𝔖\x01sfr;=𝔰\x01' +
  'sfrown;=⌢\x01sharp;=♯\x01SHCHcy;=Щ\x01shchcy;=щ\x01SHcy;=Ш\x01shcy;=ш\x01ShortDownArrow;=↓\x01' +
  'ShortLeftArrow;=←\x01shortmid;=∣\x01shortparallel;=∥\x01ShortRightArrow;=→\x01ShortUpArrow;=↑\x01' +
  'shy=\u00ad\x01shy;=\u00ad\x01Sigma;=Σ\x01sigma;=σ\x01sigmaf;=ς\x01sigmav;=ς\x01sim;=∼\x01' +
  'simdot;=⩪\x01sime;=≃\x01simeq;=≃\x01simg;=⪞\x01simgE;=⪠\x01siml;=⪝\x01simlE;=⪟\x01simne;=≆\x01' +
  'simplus;=⨤\x01simrarr;=⥲\x01slarr;=←\x01SmallCircle;=∘\x01smallsetminus;=∖\x01smashp;=⨳\x01' +
  'smeparsl;=⧤\x01smid;=∣\x01smile;=⌣\x01smt;=⪪\x01smte;=⪬\x01smtes;=⪬︀\x01SOFTcy;=Ь\x01softcy;=ь\x01' +
  'sol;=/\x01solb;=⧄\x01solbar;=⌿\x01Sopf;=𝕊\x01sopf;=𝕤\x01spades;=♠\x01spadesuit;=♠\x01spar;=∥\x01' +
  'sqcap;=⊓\x01sqcaps;=⊓︀\x01sqcup;=⊔\x01sqcups;=⊔︀\x01Sqrt;=√\x01sqsub;=⊏\x01sqsube;=⊑\x01' +
  'sqsubset;=⊏\x01sqsubseteq;=⊑\x01sqsup;=⊐\x01sqsupe;=⊒\x01sqsupset;=⊐\x01sqsupseteq;=⊒\x01squ;=□\x01' +
  'Square;=□\x01square;=□\x01SquareIntersection;=⊓\x01SquareSubset;=⊏\x01SquareSubsetEqual;=⊑\x01' +
  'SquareSuperset;=⊐\x01SquareSupersetEqual;=⊒\x01SquareUnion;=⊔\x01squarf;=▪\x01squf;=▪\x01' +
  'srarr;=→\x01Sscr;=𝒮\x01sscr;=𝓈\x01ssetmn;=∖\x01ssmile;=⌣\x01sstarf;=⋆\x01Star;=⋆\x01star;=☆\x01' +
  'starf;=★\x01straightepsilon;=ϵ\x01straightphi;=ϕ\x01strns;=¯\x01Sub;=⋐\x01sub;=⊂\x01subdot;=⪽\x01' +
  'subE;=⫅\x01sube;=⊆\x01subedot;=⫃\x01submult;=⫁\x01subnE;=⫋\x01subne;=⊊\x01subplus;=⪿\x01' +
  'subrarr;=⥹\x01Subset;=⋐\x01subset;=⊂\x01subseteq;=⊆\x01subseteqq;=⫅\x01SubsetEqual;=⊆\x01' +
  'subsetneq;=⊊\x01subsetneqq;=⫋\x01subsim;=⫇\x01subsub;=⫕\x01subsup;=⫓\x01succ;=≻\x01succapprox;=⪸\x01' +
  'succcurlyeq;=≽\x01Succeeds;=≻\x01SucceedsEqual;=⪰\x01SucceedsSlantEqual;=≽\x01SucceedsTilde;=≿\x01' +
  'succeq;=⪰\x01succnapprox;=⪺\x01succneqq;=⪶\x01succnsim;=⋩\x01succsim;=≿\x01SuchThat;=∋\x01Sum;=∑\x01' +
  'sum;=∑\x01sung;=♪\x01sup1=¹\x01sup1;=¹\x01sup2=²\x01sup2;=²\x01sup3=³\x01sup3;=³\x01Sup;=⋑\x01' +
  'sup;=⊃\x01supdot;=⪾\x01supdsub;=⫘\x01supE;=⫆\x01supe;=⊇\x01supedot;=⫄\x01Superset;=⊃\x01' +
  'SupersetEqual;=⊇\x01suphsol;=⟉\x01suphsub;=⫗\x01suplarr;=⥻\x01supmult;=⫂\x01supnE;=⫌\x01supne;=⊋\x01' +
  'supplus;=⫀\x01Supset;=⋑\x01supset;=⊃\x01supseteq;=⊇\x01supseteqq;=⫆\x01supsetneq;=⊋\x01' +
  'supsetneqq;=⫌\x01supsim;=⫈\x01supsub;=⫔\x01supsup;=⫖\x01swarhk;=⤦\x01swArr;=⇙\x01swarr;=↙\x01' +
  'swarrow;=↙\x01swnwar;=⤪\x01szlig=ß\x01szlig;=ß\x01Tab;=\u0009\x01target;=⌖\x01Tau;=Τ\x01tau;=τ\x01' +
  'tbrk;=⎴\x01Tcaron;=Ť\x01tcaron;=ť\x01Tcedil;=Ţ\x01tcedil;=ţ\x01Tcy;=Т\x01tcy;=т\x01tdot;=\u20db\x01' +
  'telrec;=⌕\x01Tfr;=𝔗\x01tfr;=𝔱\x01there4;=∴\x01Therefore;=∴\x01therefore;=∴\x01Theta;=Θ\x01' +
  'theta;=θ\x01thetasym;=ϑ\x01thetav;=ϑ\x01thickapprox;=≈\x01thicksim;=∼\x01' +
  'ThickSpace;=\u205f\u200a\x01thinsp;=\u2009\x01ThinSpace;=\u2009\x01thkap;=≈\x01thksim;=∼\x01' +
  'THORN=Þ\x01thorn=þ\x01THORN;=Þ\x01thorn;=þ\x01Tilde;=∼\x01tilde;=˜\x01TildeEqual;=≃\x01' +
  'TildeFullEqual;=≅\x01TildeTilde;=≈\x01times=×\x01times;=×\x01timesb;=⊠\x01timesbar;=⨱\x01' +
  'timesd;=⨰\x01tint;=∭\x01toea;=⤨\x01top;=⊤\x01topbot;=⌶\x01topcir;=⫱\x01Topf;=𝕋\x01topf;=𝕥\x01' +
  'topfork;=⫚\x01tosa;=⤩\x01tprime;=‴\x01TRADE;=™\x01trade;=™\x01triangle;=▵\x01triangledown;=▿\x01' +
  'triangleleft;=◃\x01trianglelefteq;=⊴\x01triangleq;=≜\x01triangleright;=▹\x01trianglerighteq;=⊵\x01' +
  'tridot;=◬\x01trie;=≜\x01triminus;=⨺\x01TripleDot;=\u20db\x01triplus;=⨹\x01trisb;=⧍\x01tritime;=⨻\x01' +
  'trpezium;=⏢\x01Tscr;=𝒯\x01tscr;=𝓉\x01TScy;=Ц\x01tscy;=ц\x01TSHcy;=Ћ\x01tshcy;=ћ\x01Tstrok;=Ŧ\x01' +
  'tstrok;=ŧ\x01twixt;=≬\x01twoheadleftarrow;=↞\x01twoheadrightarrow;=↠\x01Uacute=Ú\x01uacute=ú\x01' +
  'Uacute;=Ú\x01uacute;=ú\x01Uarr;=↟\x01uArr;=⇑\x01uarr;=↑\x01Uarrocir;=⥉\x01Ubrcy;=Ў\x01ubrcy;=ў\x01' +
  'Ubreve;=Ŭ\x01ubreve;=ŭ\x01Ucirc=Û\x01ucirc=û\x01Ucirc;=Û\x01ucirc;=û\x01Ucy;=У\x01ucy;=у\x01' +
  'udarr;=⇅\x01Udblac;=Ű\x01udblac;=ű\x01udhar;=⥮\x01ufisht;=⥾\x01Ufr;=𝔘\x01ufr;=𝔲\x01Ugrave=Ù\x01' +
  'ugrave=ù\x01Ugrave;=Ù\x01ugrave;=ù\x01uHar;=⥣\x01uharl;=↿\x01uharr;=↾\x01uhblk;=▀\x01ulcorn;=⌜\x01' +
  'ulcorner;=⌜\x01ulcrop;=⌏\x01ultri;=◸\x01Umacr;=Ū\x01umacr;=ū\x01uml=¨\x01uml;=¨\x01UnderBar;=_\x01' +
  'UnderBrace;=⏟\x01UnderBracket;=⎵\x01UnderParenthesis;=⏝\x01Union;=⋃\x01UnionPlus;=⊎\x01Uogon;=Ų\x01' +
  'uogon;=ų\x01Uopf;=𝕌\x01uopf;=𝕦\x01UpArrow;=↑\x01Uparrow;=⇑\x01uparrow;=↑\x01UpArrowBar;=⤒\x01' +
  'UpArrowDownArrow;=⇅\x01UpDownArrow;=↕\x01Updownarrow;=⇕\x01updownarrow;=↕\x01UpEquilibrium;=⥮\x01' +
  'upharpoonleft;=↿\x01upharpoonright;=↾\x01uplus;=⊎\x01UpperLeftArrow;=↖\x01UpperRightArrow;=↗\x01' +
  'Upsi;=ϒ\x01upsi;=υ\x01upsih;=ϒ\x01Upsilon;=Υ\x01upsilon;=υ\x01UpTee;=⊥\x01UpTeeArrow;=↥\x01' +
  'upuparrows;=⇈\x01urcorn;=⌝\x01urcorner;=⌝\x01urcrop;=⌎\x01Uring;=Ů\x01uring;=ů\x01urtri;=◹\x01' +
  'Uscr;=𝒰\x01uscr;=𝓊\x01utdot;=⋰\x01Utilde;=Ũ\x01utilde;=ũ\x01utri;=▵\x01utrif;=▴\x01uuarr;=⇈\x01' +
  'Uuml=Ü\x01uuml=ü\x01Uuml;=Ü\x01uuml;=ü\x01uwangle;=⦧\x01vangrt;=⦜\x01varepsilon;=ϵ\x01' +
  'varkappa;=ϰ\x01varnothing;=∅\x01varphi;=ϕ\x01varpi;=ϖ\x01varpropto;=∝\x01vArr;=⇕\x01varr;=↕\x01' +
  'varrho;=ϱ\x01varsigma;=ς\x01varsubsetneq;=⊊︀\x01varsubsetneqq;=⫋︀\x01varsupsetneq;=⊋︀\x01' +
  'varsupsetneqq;=⫌︀\x01vartheta;=ϑ\x01vartriangleleft;=⊲\x01vartriangleright;=⊳\x01Vbar;=⫫\x01' +
  'vBar;=⫨\x01vBarv;=⫩\x01Vcy;=В\x01vcy;=в\x01VDash;=⊫\x01Vdash;=⊩\x01vDash;=⊨\x01vdash;=⊢\x01' +
  'Vdashl;=⫦\x01Vee;=⋁\x01vee;=∨\x01veebar;=⊻\x01veeeq;=≚\x01vellip;=⋮\x01Verbar;=‖\x01verbar;=|\x01' +
  'Vert;=‖\x01vert;=|\x01VerticalBar;=∣\x01VerticalLine;=|\x01VerticalSeparator;=❘\x01' +
  'VerticalTilde;=≀\x01VeryThinSpace;=\u200a\x01Vfr;=𝔙\x01vfr;=𝔳\x01vltri;=⊲\x01vnsub;=⊂\u20d2\x01' +
  'vnsup;=⊃\u20d2\x01Vopf;=𝕍\x01vopf;=𝕧\x01vprop;=∝\x01vrtri;=⊳\x01Vscr;=𝒱\x01vscr;=𝓋\x01vsubnE;=⫋︀\x01' +
  'vsubne;=⊊︀\x01vsupnE;=⫌︀\x01vsupne;=⊋︀\x01Vvdash;=⊪\x01vzigzag;=⦚\x01Wcirc;=Ŵ\x01wcirc;=ŵ\x01' +
  'wedbar;=⩟\x01Wedge;=⋀\x01wedge;=∧\x01wedgeq;=≙\x01weierp;=℘\x01Wfr;=𝔚\x01wfr;=𝔴\x01Wopf;=𝕎\x01' +
  'wopf;=𝕨\x01wp;=℘\x01wr;=≀\x01wreath;=≀\x01Wscr;=𝒲\x01wscr;=𝓌\x01xcap;=⋂\x01xcirc;=◯\x01xcup;=⋃\x01' +
  'xdtri;=▽\x01Xfr;=𝔛\x01xfr;=𝔵\x01xhArr;=⟺\x01xharr;=⟷\x01Xi;=Ξ\x01xi;=ξ\x01xlArr;=⟸\x01xlarr;=⟵\x01' +
  'xmap;=⟼\x01xnis;=⋻\x01xodot;=⨀\x01Xopf;=𝕏\x01xopf;=𝕩\x01xoplus;=⨁\x01xotime;=⨂\x01xrArr;=⟹\x01' +
  'xrarr;=⟶\x01Xscr;=𝒳\x01xscr;=𝓍\x01xsqcup;=⨆\x01xuplus;=⨄\x01xutri;=△\x01xvee;=⋁\x01xwedge;=⋀\x01' +
  'Yacute=Ý\x01yacute=ý\x01Yacute;=Ý\x01yacute;=ý\x01YAcy;=Я\x01yacy;=я\x01Ycirc;=Ŷ\x01ycirc;=ŷ\x01' +
  'Ycy;=Ы\x01ycy;=ы\x01yen=¥\x01yen;=¥\x01Yfr;=𝔜\x01yfr;=𝔶\x01YIcy;=Ї\x01yicy;=ї\x01Yopf;=𝕐\x01' +
  'yopf;=𝕪\x01Yscr;=𝒴\x01yscr;=𝓎\x01YUcy;=Ю\x01yucy;=ю\x01yuml=ÿ\x01Yuml;=Ÿ\x01yuml;=ÿ\x01Zacute;=Ź\x01' +
  'zacute;=ź\x01Zcaron;=Ž\x01zcaron;=ž\x01Zcy;=З\x01zcy;=з\x01Zdot;=Ż\x01zdot;=ż\x01zeetrf;=ℨ\x01' +
  'ZeroWidthSpace;=\u200b\x01Zeta;=Ζ\x01zeta;=ζ\x01Zfr;=ℨ\x01zfr;=𝔷\x01ZHcy;=Ж\x01zhcy;=ж\x01' +
  'zigrarr;=⇝\x01Zopf;=ℤ\x01zopf;=𝕫\x01Zscr;=𝒵\x01zscr;=𝓏\x01zwj;=\u200d\x01zwnj;=\u200c\x01';

let HTML5: Map<string, string> | null = null;

function table(): Map<string, string> {
  if (HTML5 === null) {
    HTML5 = new Map();
    for (const e of PACKED.split('\x01')) {
      if (e === '') continue;
      const i = e.indexOf('=');
      HTML5.set(e.slice(0, i), e.slice(i + 1));
    }
  }
  return HTML5;
}

const INVALID_CHARREFS: Record<number, string> = {
  0x0: "\ufffd", 0xd: "\r", 0x80: "\u20ac", 0x81: "\u0081", 0x82: "\u201a", 0x83: "\u0192", 0x84: "\u201e",
  0x85: "\u2026", 0x86: "\u2020", 0x87: "\u2021", 0x88: "\u02c6", 0x89: "\u2030", 0x8a: "\u0160",
  0x8b: "\u2039", 0x8c: "\u0152", 0x8d: "\u008d", 0x8e: "\u017d", 0x8f: "\u008f", 0x90: "\u0090",
  0x91: "\u2018", 0x92: "\u2019", 0x93: "\u201c", 0x94: "\u201d", 0x95: "\u2022", 0x96: "\u2013",
  0x97: "\u2014", 0x98: "\u02dc", 0x99: "\u2122", 0x9a: "\u0161", 0x9b: "\u203a", 0x9c: "\u0153",
  0x9d: "\u009d", 0x9e: "\u017e", 0x9f: "\u0178",
};
const INVALID_CODEPOINT_RANGES: readonly (readonly [number, number])[] = [
  [0x1, 0x8], [0xb, 0xb], [0xe, 0x1f], [0x7f, 0x9f], [0xfdd0, 0xfdef], [0xfffe, 0xffff], [0x1fffe, 0x1ffff],
  [0x2fffe, 0x2ffff], [0x3fffe, 0x3ffff], [0x4fffe, 0x4ffff], [0x5fffe, 0x5ffff], [0x6fffe, 0x6ffff],
  [0x7fffe, 0x7ffff], [0x8fffe, 0x8ffff], [0x9fffe, 0x9ffff], [0xafffe, 0xaffff], [0xbfffe, 0xbffff],
  [0xcfffe, 0xcffff], [0xdfffe, 0xdffff], [0xefffe, 0xeffff], [0xffffe, 0xfffff], [0x10fffe, 0x10ffff],
];

function invalidCodepoint(n: number): boolean {
  for (const [a, b] of INVALID_CODEPOINT_RANGES) if (n >= a && n <= b) return true;
  return false;
}

function replaceCharref(s: string): string {
  if (s[0] === '#') {
    const hex = s[1] === 'x' || s[1] === 'X';
    const digits = s.slice(hex ? 2 : 1).replace(/;$/, '');
    const big = BigInt((hex ? '0x' : '') + digits);
    const num = big > 0x110000n ? 0x110000 : Number(big);
    if (Object.prototype.hasOwnProperty.call(INVALID_CHARREFS, num)) return INVALID_CHARREFS[num]!;
    if ((num >= 0xd800 && num <= 0xdfff) || num > 0x10ffff) return '\ufffd';
    if (invalidCodepoint(num)) return '';
    return String.fromCodePoint(num);
  }
  const t = table();
  const hit = t.get(s);
  if (hit !== undefined) return hit;
  // the longest matching prefix (legacy names without ';')
  for (let x = s.length - 1; x > 1; x--) {
    const h = t.get(s.slice(0, x));
    if (h !== undefined) return h + s.slice(x);
  }
  return '&' + s;
}

const CHARREF = /&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)/gu;

/** Python's `html.unescape(s)`. `{{ '&lt;b&gt; &amp;'|striptags }}` → `<b> &` */
export function htmlUnescape(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(CHARREF, (_m, ref: string) => replaceCharref(ref));
}
