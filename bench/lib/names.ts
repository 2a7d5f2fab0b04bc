/**
 * Names from 22 naming cultures, most common first (drawn Zipf-ranked), with a Latin
 * spelling for scripts that need one (emails, profile URLs). `Name|latin` marks the
 * Latin form; names already in Latin script carry none.
 */

export interface Culture {
  key: string;
  /** Share of contacts, relative to the other cultures. */
  weight: number;
  given: readonly string[];
  family: readonly string[];
  /** Family name first, written without a space (Chinese, Japanese, Korean). */
  familyFirst?: boolean;
  /** Share of this culture's contacts who use the Latin spelling of their name. */
  latinShare?: number;
  cities: readonly string[];
}

export const CULTURES: readonly Culture[] = [
  {
    key: 'en',
    weight: 18,
    given: ['James', 'Emily', 'Michael', 'Sarah', 'David', 'Jessica', 'Chris', 'Ashley', 'Matthew', 'Jennifer', 'Daniel', 'Amanda', 'Ryan', 'Rachel', 'Tyler', 'Megan', 'Zoë', 'Kevin', 'Laura', 'Brandon', 'Hannah', 'Justin', 'Olivia', 'Nathan', 'Grace'],
    family: ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Miller', 'Davis', 'Wilson', 'Taylor', 'Anderson', 'Thomas', 'Moore', 'Martin', 'Jackson', 'Thompson', 'White', 'Harris', 'Clark', 'Lewis', 'Walker', 'Hall', 'Young', 'King', 'Wright', 'Scott'],
    cities: ['San Francisco', 'New York', 'Seattle', 'Austin', 'London', 'Boston', 'Toronto', 'Chicago', 'Denver', 'Sydney', 'Portland', 'Manchester'],
  },
  {
    key: 'ie',
    weight: 3,
    given: ['Seán', 'Aoife', 'Ciarán', 'Niamh', 'Pádraig', 'Siobhán', 'Eoin', 'Róisín', 'Conor', 'Saoirse', 'Darragh', 'Orla'],
    family: ["O'Brien", 'Murphy', 'Kelly', "O'Sullivan", 'Walsh', "O'Connor", 'McCarthy', 'Byrne', 'Ryan', "O'Neill", 'Doyle', 'Ó Súilleabháin'],
    cities: ['Dublin', 'Cork', 'Galway', 'London'],
  },
  {
    key: 'de',
    weight: 11,
    given: ['Jürgen', 'Anna', 'Lukas', 'Lena', 'Jonas', 'Katharina', 'Felix', 'Sophie', 'Maximilian', 'Julia', 'Tobias', 'Franziska', 'Matthias', 'Jörg', 'Björn', 'Annika', 'Stefan', 'Sabine', 'Dominik', 'Ute'],
    family: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann', 'Schäfer', 'Koch', 'Bauer', 'Richter', 'Klein', 'Wolf', 'Schröder', 'Neumann', 'Weiß', 'Groß', 'Köhler', 'Krüger', 'Jäger', 'Lange', 'Günther'],
    cities: ['Berlin', 'München', 'Hamburg', 'Köln', 'Frankfurt', 'Stuttgart', 'Leipzig', 'Wien', 'Zürich', 'Düsseldorf'],
  },
  {
    key: 'fr',
    weight: 5,
    given: ['Léa', 'Hugo', 'Chloé', 'Théo', 'Camille', 'Louis', 'Manon', 'Mathéo', 'Inès', 'Gaël', 'Élodie', 'Jérôme', 'Amélie', 'François', 'Noémie'],
    family: ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Lefèvre', 'Girard', 'Mercier', 'Fontaine', 'Bélanger'],
    cities: ['Paris', 'Lyon', 'Toulouse', 'Nantes', 'Bordeaux', 'Montréal', 'Genève'],
  },
  {
    key: 'es',
    weight: 6,
    given: ['José', 'María', 'Javier', 'Lucía', 'Alejandro', 'Sofía', 'Pablo', 'Martina', 'Álvaro', 'Carmen', 'Andrés', 'Inés', 'Sergio', 'Begoña', 'Iñaki'],
    family: ['García', 'Fernández', 'González', 'Rodríguez', 'López', 'Martínez', 'Sánchez', 'Pérez', 'Gómez', 'Díaz', 'Ruiz', 'Muñoz', 'Jiménez', 'Álvarez', 'Ibáñez', 'Peña'],
    cities: ['Madrid', 'Barcelona', 'Valencia', 'Sevilla', 'Buenos Aires', 'Ciudad de México', 'Bogotá', 'Santiago'],
  },
  {
    key: 'pt',
    weight: 4,
    given: ['João', 'Ana', 'Lucas', 'Beatriz', 'Gabriel', 'Júlia', 'Thiago', 'Letícia', 'Rafael', 'Conceição', 'Gonçalo', 'Mariana'],
    family: ['Silva', 'Santos', 'Oliveira', 'Souza', 'Pereira', 'Costa', 'Rodrigues', 'Almeida', 'Nascimento', 'Gonçalves', 'Araújo', 'Magalhães'],
    cities: ['São Paulo', 'Lisboa', 'Porto', 'Rio de Janeiro', 'Belo Horizonte', 'Florianópolis'],
  },
  {
    key: 'it',
    weight: 4,
    given: ['Giulia', 'Francesco', 'Chiara', 'Alessandro', 'Martina', 'Lorenzo', 'Federica', 'Matteo', 'Niccolò', 'Elisa', 'Davide', 'Ilaria'],
    family: ['Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Romano', 'Colombo', 'Ricci', 'Marino', 'Greco', 'De Luca', 'Fabbri'],
    cities: ['Milano', 'Roma', 'Torino', 'Bologna', 'Firenze'],
  },
  {
    key: 'nl',
    weight: 4,
    given: ['Daan', 'Sanne', 'Bram', 'Femke', 'Sem', 'Lotte', 'Thijs', 'Anouk', 'Joris', 'Eline', 'Maarten', 'Ijsbrand'],
    family: ['de Jong', 'Jansen', 'de Vries', 'van den Berg', 'van Dijk', 'Bakker', 'Janssen', 'Visser', 'Smit', 'Meijer', 'de Boer', 'Mulder', 'van der Linden', 'Sillekens 🔸'],
    cities: ['Amsterdam', 'Rotterdam', 'Utrecht', 'Eindhoven', 'Den Haag', 'Gent'],
  },
  {
    key: 'pl',
    weight: 6,
    given: ['Łukasz', 'Agnieszka', 'Paweł', 'Katarzyna', 'Michał', 'Małgorzata', 'Piotr', 'Magdalena', 'Wojciech', 'Joanna', 'Grzegorz', 'Żaneta', 'Tomasz', 'Ewa'],
    family: ['Nowak', 'Kowalski', 'Wiśniewski', 'Wójcik', 'Kowalczyk', 'Kamiński', 'Lewandowski', 'Zieliński', 'Szymański', 'Woźniak', 'Dąbrowski', 'Kozłowski', 'Jankowski', 'Mazur'],
    cities: ['Warszawa', 'Kraków', 'Wrocław', 'Gdańsk', 'Poznań', 'Łódź'],
  },
  {
    key: 'dk',
    weight: 6,
    given: ['Søren', 'Mette', 'Rasmus', 'Sørine', 'Mikkel', 'Kirsten', 'Anders', 'Ingrid', 'Bjørn', 'Freja', 'Jens', 'Åsa', 'Ole', 'Trine'],
    family: ['Søndergaard', 'Jensen', 'Nielsen', 'Hansen', 'Pedersen', 'Andersen', 'Christensen', 'Larsen', 'Sørensen', 'Østergaard', 'Kristiansen', 'Haugen', 'Ødegård', 'Bækgaard'],
    cities: ['København', 'Aarhus', 'Oslo', 'Bergen', 'Odense'],
  },
  {
    key: 'se',
    weight: 3,
    given: ['Erik', 'Elin', 'Oskar', 'Maja', 'Linnéa', 'Johan', 'Aino', 'Mikko', 'Saara', 'Väinö', 'Astrid', 'Jussi'],
    family: ['Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Eriksson', 'Lindqvist', 'Virtanen', 'Korhonen', 'Mäkinen', 'Häkkinen', 'Lindström', 'Åberg'],
    cities: ['Stockholm', 'Göteborg', 'Malmö', 'Helsinki', 'Tampere', 'Uppsala'],
  },
  {
    key: 'cz',
    weight: 2,
    given: ['Jiří', 'Tereza', 'Ondřej', 'Kateřina', 'Tomáš', 'Lucie', 'Jakub', 'Zuzana', 'Matěj', 'Barbora'],
    family: ['Novák', 'Svoboda', 'Novotný', 'Dvořák', 'Černý', 'Procházka', 'Kučera', 'Veselý', 'Horák', 'Němec'],
    cities: ['Praha', 'Brno', 'Bratislava', 'Ostrava'],
  },
  {
    key: 'gr',
    weight: 2,
    given: ['Αλέξανδρος|Alexandros', 'Μαρία|Maria', 'Γιώργος|Giorgos', 'Ελένη|Eleni', 'Νίκος|Nikos', 'Κατερίνα|Katerina', 'Δημήτρης|Dimitris', 'Σοφία|Sofia'],
    family: ['Παπαδόπουλος|Papadopoulos', 'Βασιλείου|Vasileiou', 'Γεωργίου|Georgiou', 'Οικονόμου|Oikonomou', 'Νικολάου|Nikolaou', 'Κωνσταντίνου|Konstantinou', 'Παππάς|Pappas'],
    latinShare: 0.5,
    cities: ['Αθήνα', 'Θεσσαλονίκη', 'Berlin', 'London'],
  },
  {
    key: 'tr',
    weight: 3,
    given: ['Mehmet', 'Ayşe', 'Mustafa', 'Zeynep', 'Emre', 'Elif', 'Burak', 'Gülşen', 'Çağla', 'Oğuz', 'İsmail', 'Şule'],
    family: ['Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Yıldız', 'Öztürk', 'Aydın', 'Özdemir', 'Arslan', 'Doğan', 'Kılıç'],
    cities: ['İstanbul', 'Ankara', 'İzmir', 'Berlin'],
  },
  {
    key: 'ru',
    weight: 4,
    given: ['Алексей|Aleksei', 'Мария|Maria', 'Дмитрий|Dmitry', 'Анна|Anna', 'Сергей|Sergei', 'Ольга|Olga', 'Андрій|Andrii', 'Оксана|Oksana', 'Иван|Ivan', 'Наталья|Natalia'],
    family: ['Иванов|Ivanov', 'Смирнов|Smirnov', 'Кузнецов|Kuznetsov', 'Попов|Popov', 'Шевченко|Shevchenko', 'Коваленко|Kovalenko', 'Соколов|Sokolov', 'Бондаренко|Bondarenko', 'Лебедев|Lebedev'],
    latinShare: 0.6,
    cities: ['Київ', 'Львів', 'Tbilisi', 'Berlin', 'Warszawa', 'Алматы'],
  },
  {
    key: 'vn',
    weight: 3,
    given: ['Anh', 'Minh', 'Thảo', 'Dũng', 'Hương', 'Tuấn', 'Linh', 'Quân', 'Ngọc', 'Phương'],
    family: ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Đặng', 'Bùi'],
    cities: ['Hà Nội', 'Thành phố Hồ Chí Minh', 'Đà Nẵng', 'Singapore'],
  },
  {
    key: 'zh',
    weight: 5,
    given: ['雷|Lei', '伟|Wei', '芳|Fang', '娜|Na', '敏|Min', '静|Jing', '磊|Lei', '洋|Yang', '婷|Ting', '杰|Jie', '欣怡|Xinyi', '浩然|Haoran'],
    family: ['李|Li', '王|Wang', '张|Zhang', '刘|Liu', '陈|Chen', '杨|Yang', '黄|Huang', '赵|Zhao', '吴|Wu', '周|Zhou'],
    familyFirst: true,
    latinShare: 0.5,
    cities: ['北京', '上海', '深圳', '杭州', '台北', 'Singapore', 'San Francisco'],
  },
  {
    key: 'ja',
    weight: 3,
    given: ['太郎|Taro', '花子|Hanako', '翔|Sho', '美咲|Misaki', '健太|Kenta', 'さくら|Sakura', '大輔|Daisuke', '由美|Yumi'],
    family: ['佐藤|Sato', '鈴木|Suzuki', '高橋|Takahashi', '田中|Tanaka', '渡辺|Watanabe', '伊藤|Ito', '山本|Yamamoto', '中村|Nakamura'],
    familyFirst: true,
    latinShare: 0.5,
    cities: ['東京', '大阪', '福岡', 'Kyoto'],
  },
  {
    key: 'ko',
    weight: 2,
    given: ['민준|Minjun', '서연|Seoyeon', '지훈|Jihoon', '수빈|Subin', '현우|Hyunwoo', '지은|Jieun'],
    family: ['김|Kim', '이|Lee', '박|Park', '최|Choi', '정|Jung', '강|Kang'],
    familyFirst: true,
    latinShare: 0.6,
    cities: ['서울', '부산', 'Seoul'],
  },
  {
    key: 'in',
    weight: 7,
    given: ['Aarav', 'Priya', 'Rohan', 'Ananya', 'Vikram', 'Sneha', 'Arjun', 'Kavya', 'Aditya', 'Divya', 'Karthik', 'Lakshmi', 'Siddharth', 'Pooja'],
    family: ['Sharma', 'Patel', 'Singh', 'Kumar', 'Gupta', 'Reddy', 'Iyer', 'Nair', 'Rao', 'Mehta', 'Chatterjee', 'Krishnan', 'Desai', 'Banerjee'],
    cities: ['Bengaluru', 'Hyderabad', 'Pune', 'Mumbai', 'Chennai', 'Delhi', 'London', 'Toronto'],
  },
  {
    key: 'ar',
    weight: 2,
    given: ['محمد|Mohamed', 'فاطمة|Fatima', 'أحمد|Ahmed', 'ليلى|Layla', 'Omar', 'Yasmin', 'Karim', 'Nour'],
    family: ['Al-Sayed', 'Haddad', 'Khalil', 'Mansour', 'العلي|Al-Ali', 'Nasser', 'Saleh', 'Farouk'],
    latinShare: 0.7,
    cities: ['Dubai', 'Cairo', 'Amman', 'Beirut', 'Riyadh'],
  },
  {
    key: 'ng',
    weight: 3,
    given: ['Chinedu', 'Adaeze', 'Oluwaseun', 'Ngozi', 'Tunde', 'Funmilayo', 'Emeka', 'Chiamaka', 'Babatunde', 'Folake'],
    family: ['Okafor', 'Adeyemi', 'Okonkwo', 'Balogun', 'Eze', 'Ogunleye', 'Nwosu', 'Adebayo', 'Obi', 'Olawale'],
    cities: ['Lagos', 'Abuja', 'Nairobi', 'Accra', 'London'],
  },
];

/** Splits `Name|latin` into its script form and its Latin form. */
export function nameForms(entry: string): { script: string; latin: string } {
  const bar = entry.indexOf('|');
  return bar < 0 ? { script: entry, latin: entry } : { script: entry.slice(0, bar), latin: entry.slice(bar + 1) };
}
