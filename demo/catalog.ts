import { withGs1CheckDigit } from './identifiers.ts';
import type { DemoInsuranceCertificate, DemoSupplierCategory } from './world.ts';

/**
 * The fixed vocabulary the demo world is built from: what each kind of supplier sells, how
 * companies, streets and people are named, and where the network's hospitals are.
 */

export interface CatalogItem {
  itemNumber: string;
  description: string;
  unitOfMeasure: 'EA' | 'BX' | 'CS' | 'HR';
  /** Two decimals, or four for items priced below a cent's resolution per unit. */
  listPrice: string;
  /** Sub-dollar items are ordered in hundreds, which keeps every line amount to whole cents. */
  orderMultiple: number;
  /** A usual order, in multiples of `orderMultiple`. */
  quantity: readonly [number, number];
  /** Hourly services may be ordered and billed in half hours. */
  halfUnits?: boolean;
}

export interface CategoryProfile {
  /** The trade part of a company name ("Surgical Supply"), distinct across categories. */
  nameCores: readonly string[];
  contractTitle: string;
  /** Certificates beyond general liability and workers' compensation. */
  extraInsurance: readonly DemoInsuranceCertificate['type'][];
  items: readonly CatalogItem[];
}

function gtin(indicator: string, companyPrefix: string, itemReference: string): string {
  return withGs1CheckDigit(indicator + companyPrefix + itemReference);
}

function item(
  itemNumber: string,
  description: string,
  unitOfMeasure: CatalogItem['unitOfMeasure'],
  listPrice: string,
  quantity: readonly [number, number],
  extra: Partial<Pick<CatalogItem, 'orderMultiple' | 'halfUnits'>> = {},
): CatalogItem {
  return {
    itemNumber,
    description,
    unitOfMeasure,
    listPrice,
    quantity,
    orderMultiple: extra.orderMultiple ?? 1,
    ...(extra.halfUnits ? { halfUnits: true } : {}),
  };
}

const hourly = { halfUnits: true } as const;
const inHundreds = { orderMultiple: 100 } as const;

export const CATEGORY_PROFILES: Readonly<Record<DemoSupplierCategory, CategoryProfile>> = {
  MEDICAL_SURGICAL: {
    nameCores: [
      'Surgical Supply',
      'Medical Products',
      'Medical Distribution',
      'Healthcare Supply',
      'Clinical Supply',
      'MedSurg Solutions',
      'Medical Supply',
      'Surgical Specialties',
    ],
    contractTitle: 'Medical-Surgical Supplies Pricing Agreement',
    extraInsurance: ['AUTO_LIABILITY'],
    items: [
      item(gtin('1', '0850417', '20114'), 'Nitrile Exam Gloves, Powder-Free, Medium, 100/BX', 'BX', '8.95', [10, 200]),
      item(gtin('1', '0850417', '20115'), 'Nitrile Exam Gloves, Powder-Free, Large, 100/BX', 'BX', '8.95', [10, 200]),
      item(gtin('1', '0850417', '31020'), 'Isolation Gown, AAMI Level 2, Universal, 50/CS', 'CS', '42.50', [5, 60]),
      item(gtin('1', '0850417', '41733'), 'Procedure Mask, ASTM Level 3, Ear Loop, 50/BX', 'BX', '11.40', [10, 120]),
      item(gtin('1', '0850417', '41890'), 'N95 Respirator, Surgical, Fluid-Resistant, 20/BX', 'BX', '27.80', [5, 80]),
      item(gtin('0', '0850417', '52004'), 'Gauze Sponge 4 x 4 in, 12-Ply, Sterile, 2/PK', 'EA', '0.1825', [10, 100], inHundreds),
      item(gtin('1', '0763102', '10420'), 'Peripheral IV Catheter 20 G x 1 in, Safety, 50/BX', 'BX', '96.00', [2, 40]),
      item(gtin('1', '0763102', '30310'), 'Syringe 10 mL Luer-Lock, Sterile, 100/BX', 'BX', '16.75', [5, 60]),
      item(gtin('1', '0763102', '30525'), 'Hypodermic Safety Needle 25 G x 5/8 in, 100/BX', 'BX', '21.30', [5, 60]),
      item(gtin('0', '0763102', '61816'), 'Foley Catheter Tray 16 Fr, Silicone, Closed System', 'EA', '14.85', [10, 200]),
      item(gtin('0', '0763102', '72003'), 'Chlorhexidine Gluconate 2% / IPA 70% Applicator, 3 mL', 'EA', '1.1375', [1, 20], inHundreds),
      item(gtin('0', '0850417', '52110'), 'Alcohol Prep Pad, Medium, Sterile', 'EA', '0.0185', [20, 200], inHundreds),
      item(gtin('1', '0850417', '63621'), 'Underpad 23 x 36 in, Heavy Absorbency, 150/CS', 'CS', '44.60', [5, 60]),
      item(gtin('0', '0692214', '80020'), 'Sharps Container 2 gal, Red', 'EA', '6.45', [12, 144]),
      item(gtin('1', '0692214', '93027'), 'Suture 3-0 Polyglactin 910, SH Needle, 27 in, 36/BX', 'BX', '182.40', [1, 12]),
      item(gtin('1', '0692214', '70521'), 'Exam Table Paper 21 in x 225 ft, Smooth, 12/CS', 'CS', '54.90', [2, 30]),
    ],
  },
  PHARMACEUTICAL: {
    nameCores: [
      'Pharmaceuticals',
      'Pharma',
      'Rx Distribution',
      'Specialty Pharmacy',
      'Drug',
      'Pharmaceutical Supply',
      'Therapeutics',
      'Biologics',
    ],
    contractTitle: 'Pharmaceutical Wholesale Pricing Agreement',
    extraInsurance: [],
    items: [
      item('NDC 71288-402-25', 'Heparin Sodium Injection 5,000 units/mL, 1 mL Vial, 25/BX', 'BX', '38.75', [4, 60]),
      item('NDC 71288-517-25', 'Ondansetron Injection 4 mg/2 mL Vial, 25/BX', 'BX', '9.85', [4, 60]),
      item('NDC 71288-130-25', 'Cefazolin for Injection 1 g Vial, 25/BX', 'BX', '42.10', [4, 80]),
      item('NDC 70121-1000-12', 'Sodium Chloride 0.9% Injection, 1000 mL Bag, 12/CS', 'CS', '31.20', [10, 200]),
      item('NDC 70121-1015-12', "Lactated Ringer's Injection, 1000 mL Bag, 12/CS", 'CS', '33.60', [10, 150]),
      item('NDC 72572-310-10', 'Propofol Injectable Emulsion 10 mg/mL, 20 mL Vial, 10/BX', 'BX', '24.90', [5, 80]),
      item('NDC 72572-441-10', 'Enoxaparin Sodium 40 mg/0.4 mL Prefilled Syringe, 10/BX', 'BX', '61.80', [5, 60]),
      item('NDC 72572-905-01', 'Insulin Lispro 100 units/mL, 10 mL Vial', 'EA', '39.60', [10, 120]),
      item('NDC 71288-623-10', 'Pantoprazole Sodium for Injection 40 mg Vial, 10/BX', 'BX', '18.45', [5, 60]),
      item('NDC 70954-500-10', 'Acetaminophen 500 mg Tablet, Unit Dose, 100/BX', 'BX', '6.80', [10, 100]),
      item('NDC 71288-731-10', 'Vancomycin for Injection 1 g Vial, 10/BX', 'BX', '47.30', [4, 50]),
      item('NDC 71288-824-25', 'Ketorolac Tromethamine Injection 30 mg/mL, 1 mL Vial, 25/BX', 'BX', '21.75', [4, 40]),
      item('NDC 70954-340-25', 'Dexamethasone Sodium Phosphate 4 mg/mL, 1 mL Vial, 25/BX', 'BX', '14.20', [4, 40]),
      item('NDC 70954-212-25', 'Famotidine Injection 20 mg/2 mL Vial, 25/BX', 'BX', '27.40', [4, 40]),
    ],
  },
  FACILITIES_MAINTENANCE: {
    nameCores: [
      'Facility Services',
      'Mechanical',
      'Building Services',
      'Maintenance Group',
      'Mechanical Contractors',
      'Facility Solutions',
      'HVAC Services',
      'Property Services',
    ],
    contractTitle: 'Facilities Maintenance Services Agreement',
    extraInsurance: ['AUTO_LIABILITY'],
    items: [
      item('FM-PM-AHU-01', 'Air Handler Preventive Maintenance Visit', 'EA', '485.00', [1, 12]),
      item(gtin('0', '0734120', '14241'), 'Pleated Air Filter MERV 14, 24 x 24 x 12 in', 'EA', '38.60', [12, 120]),
      item(gtin('0', '0734120', '24241'), 'HEPA Filter 24 x 24 x 11.5 in, 99.97%', 'EA', '214.00', [2, 24]),
      item('FM-LAB-ELEC-J', 'Journeyman Electrician Labor', 'HR', '94.50', [8, 160], hourly),
      item('FM-LAB-PLMB-L', 'Licensed Plumber Labor', 'HR', '89.00', [8, 160], hourly),
      item('FM-LAB-HVAC-T', 'HVAC Technician Labor', 'HR', '96.00', [8, 200], hourly),
      item('FM-GEN-LBT-01', 'Emergency Generator Load Bank Test', 'EA', '1450.00', [1, 4]),
      item('FM-FA-INSP-Q', 'Fire Alarm System Quarterly Inspection', 'EA', '1875.00', [1, 4]),
      item(gtin('0', '0734120', '38240'), 'LED Troffer Retrofit Kit 2 x 4 ft, 4000 K', 'EA', '86.40', [10, 120]),
      item(gtin('0', '0734120', '45005'), 'Floor Finish, High-Solids, 5 gal', 'EA', '118.00', [2, 20]),
      item('FM-MG-CERT-01', 'Medical Gas Outlet Inspection and Certification', 'EA', '28.50', [20, 400]),
      item('FM-PEST-MO', 'Pest Control Service, Monthly', 'EA', '640.00', [1, 3]),
      item('FM-SNOW-EVT', 'Snow Removal, Parking Lots, per Event', 'EA', '1250.00', [1, 8]),
    ],
  },
  BIOMEDICAL_EQUIPMENT_SERVICE: {
    nameCores: [
      'Biomedical Services',
      'Clinical Engineering',
      'Medical Equipment Service',
      'Biomed',
      'Equipment Repair',
      'Imaging Service',
      'Technical Services',
      'Device Services',
    ],
    contractTitle: 'Biomedical Equipment Maintenance Agreement',
    extraInsurance: ['PROFESSIONAL_LIABILITY', 'AUTO_LIABILITY'],
    items: [
      item('BME-PM-INF', 'Infusion Pump Preventive Maintenance', 'EA', '68.00', [20, 400]),
      item('BME-PM-DEFIB', 'Defibrillator Inspection and Battery Test', 'EA', '96.00', [5, 80]),
      item('BME-PM-MON', 'Patient Monitor Preventive Maintenance', 'EA', '74.50', [10, 200]),
      item('BME-PM-VENT', 'Ventilator Preventive Maintenance, Parts and Labor', 'EA', '425.00', [2, 40]),
      item('BME-PM-ANES', 'Anesthesia Machine Preventive Maintenance', 'EA', '680.00', [1, 20]),
      item('BME-EST-01', 'Electrical Safety Test, Patient-Care Equipment', 'EA', '18.50', [50, 800]),
      item('BME-FSE-HR', 'Field Service Engineer Labor', 'HR', '168.00', [4, 80], hourly),
      item('BME-US-PRB-R', 'Ultrasound Transducer Repair', 'EA', '1285.00', [1, 6]),
      item('BME-PM-STER', 'Steam Sterilizer Preventive Maintenance', 'EA', '540.00', [1, 12]),
      item('BME-PM-BED', 'Hospital Bed Preventive Maintenance', 'EA', '42.00', [20, 300]),
      item('BME-CAL-WARM', 'Infant Warmer Calibration', 'EA', '135.00', [2, 30]),
      item('BME-ENDO-EVAL', 'Endoscope Leak Test and Repair Evaluation', 'EA', '310.00', [1, 20]),
    ],
  },
  STAFFING: {
    nameCores: [
      'Healthcare Staffing',
      'Nurse Staffing',
      'Medical Staffing',
      'Clinical Staffing',
      'Travel Nurses',
      'Staffing Partners',
      'Health Professionals',
      'Locum Tenens',
    ],
    contractTitle: 'Supplemental Clinical Staffing Agreement',
    extraInsurance: ['PROFESSIONAL_LIABILITY'],
    items: [
      item('STF-RN-ICU-TRV', 'Registered Nurse, ICU, Travel Assignment', 'HR', '98.50', [36, 480], hourly),
      item('STF-RN-MS-PD', 'Registered Nurse, Med-Surg, Per Diem', 'HR', '78.00', [12, 240], hourly),
      item('STF-RN-OT', 'Registered Nurse, Overtime', 'HR', '147.75', [4, 60], hourly),
      item('STF-CNA', 'Certified Nursing Assistant', 'HR', '34.25', [24, 480], hourly),
      item('STF-CST', 'Certified Surgical Technologist', 'HR', '62.00', [24, 360], hourly),
      item('STF-RRT', 'Registered Respiratory Therapist', 'HR', '71.50', [24, 360], hourly),
      item('STF-MLS', 'Medical Laboratory Scientist', 'HR', '68.00', [24, 360], hourly),
      item('STF-PHARMD', 'Clinical Pharmacist', 'HR', '96.00', [24, 240], hourly),
      item('STF-CRNA-LT', 'CRNA, Locum Tenens', 'HR', '225.00', [24, 240], hourly),
      item('STF-SPD-TECH', 'Sterile Processing Technician', 'HR', '32.50', [24, 480], hourly),
      item('STF-RT-RAD', 'Radiologic Technologist', 'HR', '58.00', [24, 360], hourly),
      item('STF-RN-ED-TRV', 'Registered Nurse, Emergency Department, Travel Assignment', 'HR', '104.00', [36, 480], hourly),
    ],
  },
  LABORATORY: {
    nameCores: [
      'Laboratories',
      'Diagnostics',
      'Lab Supply',
      'Scientific',
      'Clinical Laboratory',
      'Pathology Services',
      'Reference Lab',
      'Diagnostic Systems',
    ],
    contractTitle: 'Laboratory Products and Reference Testing Agreement',
    extraInsurance: ['PROFESSIONAL_LIABILITY'],
    items: [
      item(gtin('1', '0382904', '42202'), 'Blood Culture Bottle, Aerobic, 50/BX', 'BX', '318.00', [1, 20]),
      item(gtin('1', '0382904', '42203'), 'Blood Culture Bottle, Anaerobic, 50/BX', 'BX', '318.00', [1, 20]),
      item(gtin('1', '0382904', '67861'), 'Blood Collection Tube, K2 EDTA 4 mL, Lavender, 100/BX', 'BX', '24.80', [5, 80]),
      item(gtin('1', '0382904', '67988'), 'Blood Collection Tube, Serum Separator 5 mL, Gold, 100/BX', 'BX', '27.60', [5, 80]),
      item(gtin('1', '0382904', '67281'), 'Safety Blood Collection Set 21 G, 50/BX', 'BX', '46.90', [2, 40]),
      item(gtin('0', '0382904', '14955'), 'Urine Specimen Cup, Sterile, 4 oz', 'EA', '0.3850', [5, 50], inHundreds),
      item(gtin('1', '0382904', '12550'), 'Microscope Slide, Frosted End, 72/BX', 'BX', '6.95', [5, 50]),
      item(gtin('1', '0382904', '21001'), 'Pipette Tips 1000 uL, Racked, 960/CS', 'CS', '84.00', [1, 20]),
      item('LAB-HEM-CBC-20L', 'Hematology Reagent Pack, CBC, 20 L', 'EA', '412.00', [1, 12]),
      item('LAB-CHEM-CTL-3', 'Chemistry Control, Tri-Level, 12 x 5 mL', 'BX', '286.00', [1, 10]),
      item('LAB-REF-VITD', 'Reference Laboratory Test, 25-Hydroxy Vitamin D', 'EA', '28.00', [20, 400]),
      item('LAB-REF-CMP', 'Reference Laboratory Test, Comprehensive Metabolic Panel', 'EA', '11.40', [50, 800]),
      item('LAB-MOL-RESP-6', 'Molecular Respiratory Panel Cartridge, 6/BX', 'BX', '1140.00', [1, 10]),
    ],
  },
  FOOD_SERVICE: {
    nameCores: [
      'Foodservice',
      'Food Distributors',
      'Provisions',
      'Nutrition Services',
      'Fresh Foods',
      'Dining Services',
      'Foods',
      'Culinary Services',
    ],
    contractTitle: 'Food and Nutrition Services Supply Agreement',
    extraInsurance: ['AUTO_LIABILITY'],
    items: [
      item(gtin('1', '0074865', '10440'), 'Chicken Breast, Boneless Skinless, 4 oz Portion, 40 lb', 'CS', '126.40', [2, 40]),
      item(gtin('1', '0074865', '22050'), 'Whole Milk, Half Pint, 50/CS', 'CS', '24.75', [10, 120]),
      item(gtin('1', '0074865', '31262'), 'Romaine Lettuce, Chopped, 6 x 2 lb', 'CS', '29.80', [4, 40]),
      item(gtin('1', '0074865', '40824'), 'Oral Nutrition Supplement, Vanilla, 8 oz, 24/CS', 'CS', '38.90', [10, 120]),
      item(gtin('1', '0074865', '40924'), 'Thickened Water, Nectar Consistency, 4 oz, 24/CS', 'CS', '22.60', [5, 60]),
      item(gtin('1', '0074865', '55096'), 'Coffee, Medium Roast, 2 oz Fraction Pack, 96/CS', 'CS', '72.40', [2, 30]),
      item('FS-MEAL-TRAY', 'Patient Meal Tray Service', 'EA', '7.85', [500, 6000]),
      item(gtin('1', '0074865', '61010'), 'Disposable Tray Cover, 10 in, 1000/CS', 'CS', '46.20', [2, 20]),
      item(gtin('1', '0074865', '32125'), 'Frozen Mixed Vegetables, 12 x 2.5 lb', 'CS', '34.10', [4, 40]),
      item(gtin('1', '0074865', '15180'), 'Large Eggs, Grade A, 15 dozen', 'CS', '41.25', [4, 40]),
      item(gtin('1', '0074865', '22448'), 'Apple Juice, 4 oz Cup, 48/CS', 'CS', '17.90', [10, 80]),
      item(gtin('1', '0074865', '18120'), 'Whole Wheat Bread, Sliced, 12 x 20 oz', 'CS', '27.50', [4, 40]),
    ],
  },
  IT_SERVICES: {
    nameCores: ['Technology Group', 'Health IT', 'Systems', 'Data Solutions', 'Networks', 'Technologies', 'IT Services', 'Digital Health'],
    contractTitle: 'Information Technology Products and Services Agreement',
    extraInsurance: ['CYBER_LIABILITY'],
    items: [
      item('IT-EHR-INT-ENG', 'EHR Interface Engineer', 'HR', '165.00', [8, 160], hourly),
      item('IT-SD-SEAT-MO', 'Service Desk Support, per Seat per Month', 'EA', '42.00', [100, 2500]),
      item(gtin('0', '0889842', '48010'), 'Network Switch, 48-Port PoE+, Managed', 'EA', '3850.00', [1, 20]),
      item(gtin('0', '0889842', '14716'), 'Clinical Workstation Laptop, 14 in, 16 GB', 'EA', '1425.00', [5, 80]),
      item('IT-SOC-MON-MO', 'Managed Security Monitoring, Monthly', 'EA', '8500.00', [1, 3]),
      item(gtin('0', '0889842', '20388'), 'Barcode Scanner, 2D, Disinfectant-Ready', 'EA', '389.00', [5, 60]),
      item(gtin('0', '0889842', '30945'), 'Wristband Label Printer, Thermal', 'EA', '945.00', [1, 20]),
      item('IT-BKP-TB-MO', 'Cloud Backup Storage, per TB per Month', 'EA', '23.50', [10, 400]),
      item(gtin('0', '0889842', '60611'), 'Wireless Access Point, Wi-Fi 6E', 'EA', '1190.00', [2, 50]),
      item('IT-PM-CLIN', 'Project Manager, Clinical Systems', 'HR', '145.00', [8, 160], hourly),
      item(gtin('0', '0889842', '72040'), 'Workstation on Wheels, Powered', 'EA', '4280.00', [2, 30]),
      item('IT-LIC-PROD-MO', 'Productivity Suite License, per User per Month', 'EA', '38.00', [100, 2500]),
    ],
  },
};

/**
 * How many of every 60 suppliers are of each category; the network buys mostly med-surg,
 * drugs and building services.
 */
export const CATEGORY_MIX: readonly (readonly [DemoSupplierCategory, number])[] = [
  ['MEDICAL_SURGICAL', 12],
  ['PHARMACEUTICAL', 8],
  ['FACILITIES_MAINTENANCE', 9],
  ['BIOMEDICAL_EQUIPMENT_SERVICE', 6],
  ['STAFFING', 8],
  ['LABORATORY', 6],
  ['FOOD_SERVICE', 5],
  ['IT_SERVICES', 6],
];

/** 72 names: 73 is prime, which the supplier naming relies on to reach every brand-core pair. */
export const BRAND_WORDS: readonly string[] = [
  'Great Lakes',
  'Buckeye',
  'Summit',
  'Keystone',
  'Meridian',
  'Northstar',
  'Heartland',
  'Riverbend',
  'Cardinal',
  'Tri-State',
  'Allegheny',
  'Maumee',
  'Scioto',
  'Cuyahoga',
  'Harbor Point',
  'Pinnacle',
  'Crestview',
  'Lakeshore',
  'Midwest',
  'Ohio Valley',
  'Blue Ash',
  'Granite',
  'Evergreen',
  'Bluegrass',
  'Liberty',
  'Pioneer',
  'Frontier',
  'Sterling',
  'Beacon',
  'Compass',
  'Paragon',
  'Vantage',
  'Clearwater',
  'Redwood',
  'Ironwood',
  'Silver Lake',
  'Westfield',
  'Eastgate',
  'Northfield',
  'Southpoint',
  'Fairmont',
  'Brookside',
  'Oakridge',
  'Maple Grove',
  'Hillcrest',
  'Stonebridge',
  'Riverside',
  'Lakeview',
  'Union',
  'Continental',
  'American',
  'National',
  'Premier',
  'Apex',
  'Vertex',
  'Atlas',
  'Cornerstone',
  'Landmark',
  'Heritage',
  'Legacy',
  'Guardian',
  'Sentinel',
  'Horizon',
  'St. Clair',
  "O'Brien",
  'Harmon & Keller',
  'Whitfield',
  'Bancroft',
  'Delmar',
  'Kessler',
  'Lindqvist',
  'Okafor',
];

/** Appended as "of <place>" once every brand-core pair of a category is taken (the large world). */
export const NAME_PLACES: readonly string[] = [
  'Toledo',
  'Akron',
  'Dayton',
  'Canton',
  'Youngstown',
  'Lorain',
  'Hamilton',
  'Springfield',
  'Kettering',
  'Elyria',
  'Lakewood',
  'Cuyahoga Falls',
  'Middletown',
  'Euclid',
  'Mansfield',
  'Newark',
  'Mentor',
  'Beavercreek',
  'Strongsville',
  'Fairfield',
  'Findlay',
  'Dublin',
  'Warren',
  'Lima',
  'Huber Heights',
  'Westerville',
  'Marion',
  'Grove City',
  'Reynoldsburg',
  'Delaware',
  'Brunswick',
  'Upper Arlington',
  'Stow',
  'North Olmsted',
  'Gahanna',
  'Westlake',
  'North Royalton',
  'Bowling Green',
  'Mason',
  'Fairborn',
  'Xenia',
  'Zanesville',
  'Chillicothe',
  'Lancaster',
  'Sandusky',
  'Wooster',
  'Athens',
  'Portsmouth',
];

/** Legal-form endings and how often they appear. */
export const LEGAL_SUFFIXES: readonly (readonly [string, number])[] = [
  [', Inc.', 30],
  [' Inc.', 15],
  [' LLC', 25],
  [', LLC', 8],
  [' Corp.', 8],
  [' Corporation', 6],
  [' Co.', 3],
  [' Incorporated', 3],
  [' Ltd.', 2],
];

export interface City {
  city: string;
  region: string;
  postalCodes: readonly string[];
  areaCode: string;
}

/** Supplier locations: mostly Ohio and its neighbours, plus national distributors' hubs. */
export const SUPPLIER_CITIES: readonly City[] = [
  { city: 'Columbus', region: 'OH', postalCodes: ['43215', '43219', '43228', '43085'], areaCode: '614' },
  { city: 'Cleveland', region: 'OH', postalCodes: ['44114', '44115', '44135'], areaCode: '216' },
  { city: 'Cincinnati', region: 'OH', postalCodes: ['45202', '45241', '45246'], areaCode: '513' },
  { city: 'Toledo', region: 'OH', postalCodes: ['43604', '43615', '43537'], areaCode: '419' },
  { city: 'Akron', region: 'OH', postalCodes: ['44308', '44312'], areaCode: '330' },
  { city: 'Dayton', region: 'OH', postalCodes: ['45402', '45414', '45439'], areaCode: '937' },
  { city: 'Canton', region: 'OH', postalCodes: ['44702', '44718'], areaCode: '330' },
  { city: 'Youngstown', region: 'OH', postalCodes: ['44503', '44512'], areaCode: '330' },
  { city: 'Mason', region: 'OH', postalCodes: ['45040'], areaCode: '513' },
  { city: 'Westerville', region: 'OH', postalCodes: ['43081', '43082'], areaCode: '614' },
  { city: 'Pittsburgh', region: 'PA', postalCodes: ['15222', '15205', '15275'], areaCode: '412' },
  { city: 'Philadelphia', region: 'PA', postalCodes: ['19103', '19154'], areaCode: '215' },
  { city: 'Indianapolis', region: 'IN', postalCodes: ['46204', '46241', '46268'], areaCode: '317' },
  { city: 'Fort Wayne', region: 'IN', postalCodes: ['46802', '46825'], areaCode: '260' },
  { city: 'Louisville', region: 'KY', postalCodes: ['40202', '40218', '40299'], areaCode: '502' },
  { city: 'Lexington', region: 'KY', postalCodes: ['40507', '40511'], areaCode: '859' },
  { city: 'Detroit', region: 'MI', postalCodes: ['48226', '48210'], areaCode: '313' },
  { city: 'Grand Rapids', region: 'MI', postalCodes: ['49503', '49512'], areaCode: '616' },
  { city: 'Chicago', region: 'IL', postalCodes: ['60606', '60607', '60638'], areaCode: '312' },
  { city: 'Charleston', region: 'WV', postalCodes: ['25301', '25312'], areaCode: '304' },
  { city: 'Nashville', region: 'TN', postalCodes: ['37203', '37210', '37217'], areaCode: '615' },
  { city: 'Memphis', region: 'TN', postalCodes: ['38103', '38118'], areaCode: '901' },
  { city: 'Atlanta', region: 'GA', postalCodes: ['30303', '30336'], areaCode: '404' },
  { city: 'Dallas', region: 'TX', postalCodes: ['75201', '75247'], areaCode: '214' },
  { city: 'Minneapolis', region: 'MN', postalCodes: ['55402', '55413'], areaCode: '612' },
  { city: 'St. Louis', region: 'MO', postalCodes: ['63101', '63132'], areaCode: '314' },
  { city: 'Milwaukee', region: 'WI', postalCodes: ['53202', '53214'], areaCode: '414' },
  { city: 'Charlotte', region: 'NC', postalCodes: ['28202', '28273'], areaCode: '704' },
];

export const STREET_NAMES: readonly string[] = [
  'Commerce',
  'Industrial',
  'Enterprise',
  'Corporate Center',
  'Park Center',
  'Technology',
  'Distribution',
  'Lakeside',
  'Riverside',
  'Main',
  'Oak',
  'Market',
  'Harbor',
  'Innovation',
  'Medical Center',
  'Research',
  'Airport',
  'Executive',
  'Gateway',
  'Northpoint',
  'Westbelt',
  'Summit Park',
  'Crossroads',
  'Heritage',
];
export const STREET_TYPES: readonly string[] = ['Dr', 'Blvd', 'Pkwy', 'Ave', 'St', 'Way', 'Ct', 'Rd'];

export const FIRST_NAMES: readonly string[] = [
  'Emily',
  'Michael',
  'Sarah',
  'David',
  'Jessica',
  'James',
  'Ashley',
  'Robert',
  'Jennifer',
  'Daniel',
  'Maria',
  'Kevin',
  'Priya',
  'Andre',
  'Linh',
  'Carlos',
  'Aisha',
  'Thomas',
  'Megan',
  'Jamal',
  'Rachel',
  'Brian',
  'Nicole',
  'Tyler',
];
export const LAST_NAMES: readonly string[] = [
  'Anderson',
  'Brooks',
  'Chen',
  'Diaz',
  'Evans',
  'Fischer',
  'Garcia',
  'Hughes',
  'Iverson',
  'Johnson',
  'Kowalski',
  'Lopez',
  'Miller',
  'Nguyen',
  'Okafor',
  'Patel',
  'Quinn',
  'Robinson',
  'Schmidt',
  'Thompson',
  'Usman',
  'Vargas',
  'Walker',
  'Young',
];

export const INSURANCE_CARRIERS: readonly string[] = [
  'Travelers Casualty and Surety Company',
  'The Hartford Fire Insurance Company',
  'Liberty Mutual Insurance Company',
  'Chubb Indemnity Insurance Company',
  'Zurich American Insurance Company',
  'Continental Casualty Company (CNA)',
  'Berkshire Hathaway Specialty Insurance',
  'The Cincinnati Insurance Company',
  'Westfield Insurance Company',
  'Erie Insurance Exchange',
  'Nationwide Mutual Insurance Company',
  'Markel American Insurance Company',
];

/** Limits offered per certificate type, in dollars; general liability never below 1,000,000. */
export const COVERAGE_LIMITS: Readonly<Record<DemoInsuranceCertificate['type'], readonly string[]>> = {
  GENERAL_LIABILITY: ['1000000.00', '2000000.00', '5000000.00'],
  WORKERS_COMPENSATION: ['500000.00', '1000000.00'],
  PROFESSIONAL_LIABILITY: ['1000000.00', '2000000.00', '3000000.00'],
  AUTO_LIABILITY: ['1000000.00', '2000000.00'],
  CYBER_LIABILITY: ['2000000.00', '5000000.00', '10000000.00'],
};

/** Federal Reserve district, office and state digits that begin real routing numbers. */
export const ROUTING_PREFIXES: readonly string[] = [
  '0410',
  '0412',
  '0420',
  '0422',
  '0440',
  '0442',
  '0710',
  '0719',
  '0720',
  '0740',
  '0813',
  '0860',
  '0910',
  '1010',
  '1110',
  '1210',
  '0210',
  '0260',
  '0110',
  '0310',
  '0510',
  '0610',
  '0640',
  '0830',
];

export const NETWORK = {
  name: 'Buckeye Valley Health',
  codePrefix: 'BVH',
  /** Made-up GS1 company prefix for the network's locations. */
  glnPrefix: '0860095',
  emailDomain: 'buckeyevalleyhealth.example',
} as const;

export interface FacilitySite {
  code: string;
  name: string;
  street: string;
  city: string;
  postalCode: string;
}

/** The network's sites, all in Ohio; the default world uses the first five. */
export const FACILITY_SITES: readonly FacilitySite[] = [
  { code: 'COL', name: 'Buckeye Valley Medical Center', street: '1800 Riverside Medical Pkwy', city: 'Columbus', postalCode: '43215' },
  { code: 'DAY', name: 'Buckeye Valley Dayton Hospital', street: '3300 Far Hills Ave', city: 'Dayton', postalCode: '45429' },
  { code: 'ZAN', name: 'Buckeye Valley Muskingum Regional Hospital', street: '2950 Maple Ave', city: 'Zanesville', postalCode: '43701' },
  { code: 'MAR', name: 'Buckeye Valley Marion Community Hospital', street: '1200 Marion-Delaware Rd', city: 'Marion', postalCode: '43302' },
  {
    code: 'CDC',
    name: 'Buckeye Valley Consolidated Distribution Center',
    street: '4400 Gantz Rd',
    city: 'Grove City',
    postalCode: '43123',
  },
  { code: 'NEW', name: 'Buckeye Valley Newark Hospital', street: '1500 Hospital Way', city: 'Newark', postalCode: '43055' },
  { code: 'LAN', name: 'Buckeye Valley Lancaster Medical Center', street: '620 N Memorial Dr', city: 'Lancaster', postalCode: '43130' },
  { code: 'CHI', name: 'Buckeye Valley Chillicothe Hospital', street: '2400 Scioto Trail', city: 'Chillicothe', postalCode: '45601' },
  { code: 'MAN', name: 'Buckeye Valley Mansfield Hospital', street: '900 Park Ave W', city: 'Mansfield', postalCode: '44906' },
  { code: 'DEL', name: 'Buckeye Valley Delaware Hospital', street: '1250 Sunbury Rd', city: 'Delaware', postalCode: '43015' },
  { code: 'SPR', name: 'Buckeye Valley Springfield Medical Center', street: '2100 E High St', city: 'Springfield', postalCode: '45505' },
  { code: 'LIM', name: 'Buckeye Valley Lima Hospital', street: '1700 Shawnee Rd', city: 'Lima', postalCode: '45805' },
  { code: 'FIN', name: 'Buckeye Valley Findlay Hospital', street: '3100 Tiffin Ave', city: 'Findlay', postalCode: '45840' },
  { code: 'ATH', name: 'Buckeye Valley Athens Hospital', street: '800 E State St', city: 'Athens', postalCode: '45701' },
  { code: 'POR', name: 'Buckeye Valley Portsmouth Medical Center', street: '2600 Gallia St', city: 'Portsmouth', postalCode: '45662' },
  { code: 'CAM', name: 'Buckeye Valley Cambridge Hospital', street: '1400 Southgate Pkwy', city: 'Cambridge', postalCode: '43725' },
  { code: 'WOO', name: 'Buckeye Valley Wooster Hospital', street: '2200 Burbank Rd', city: 'Wooster', postalCode: '44691' },
  { code: 'SAN', name: 'Buckeye Valley Sandusky Hospital', street: '1900 Cleveland Rd', city: 'Sandusky', postalCode: '44870' },
  { code: 'MTV', name: 'Buckeye Valley Mount Vernon Hospital', street: '750 Harcourt Rd', city: 'Mount Vernon', postalCode: '43050' },
  { code: 'URB', name: 'Buckeye Valley Urbana Hospital', street: '450 N Main St', city: 'Urbana', postalCode: '43078' },
  { code: 'MRY', name: 'Buckeye Valley Marysville Hospital', street: '1100 Delaware Ave', city: 'Marysville', postalCode: '43040' },
  { code: 'CIR', name: 'Buckeye Valley Circleville Hospital', street: '300 Tarlton Rd', city: 'Circleville', postalCode: '43113' },
  { code: 'HAM', name: 'Buckeye Valley Hamilton Hospital', street: '1600 Main St', city: 'Hamilton', postalCode: '45013' },
  { code: 'MID', name: 'Buckeye Valley Middletown Medical Center', street: '4200 Roosevelt Blvd', city: 'Middletown', postalCode: '45044' },
];

/** Accounts-payable and contract staff who resolve match exceptions. */
export const FINANCE_STAFF: readonly string[] = [
  `j.kowalski@${NETWORK.emailDomain}`,
  `m.okafor@${NETWORK.emailDomain}`,
  `r.patel@${NETWORK.emailDomain}`,
  `s.nguyen@${NETWORK.emailDomain}`,
  `d.fischer@${NETWORK.emailDomain}`,
];
